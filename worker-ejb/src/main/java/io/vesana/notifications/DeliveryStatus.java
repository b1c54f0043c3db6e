package io.vesana.notifications;

import java.util.Locale;

/** A delivery's state; {@code QUEUED} and {@code FAILED_TEMPORARY} are still to be sent. */
public enum DeliveryStatus {
  QUEUED,
  SENT,
  FAILED_TEMPORARY,
  FAILED_PERMANENT,
  CANCELLED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status named by {@code code}, or null if there is none. */
  public static DeliveryStatus ofOrNull(String code) {
    for (DeliveryStatus s : values()) {
      if (s.code().equals(code)) {
        return s;
      }
    }
    return null;
  }
}
