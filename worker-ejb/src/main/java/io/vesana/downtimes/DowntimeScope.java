package io.vesana.downtimes;

import java.util.Locale;

/** What a downtime covers; the names are the schema's {@code downtimes.scope} values. */
public enum DowntimeScope {
  HOST,
  SERVICE,
  HOST_GROUP;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DowntimeScope of(String code) {
    for (DowntimeScope s : values()) {
      if (s.code().equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("scope must be host, service or host_group");
  }
}
