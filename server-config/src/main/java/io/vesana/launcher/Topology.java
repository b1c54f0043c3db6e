package io.vesana.launcher;

import java.util.Locale;

/** How the three applications are spread over Payara Micro JVMs. */
public enum Topology {
  /** One JVM per application: ingest keeps running whatever load the API takes. Default. */
  SPLIT,
  /** One JVM with all three applications: least memory, for small set-ups. */
  SINGLE;

  static Topology parse(String value) throws UsageException {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("VESANA_TOPOLOGY must be 'split' or 'single', not '" + value + "'");
    }
  }
}
