package io.vesana.ingest;

import io.vesana.checks.CheckConfig;

/** A result whose host and service are known, with the configuration its service runs with. */
public record ResolvedResult(
    DecodedEntry entry, IncomingResult result, long hostId, long serviceId, CheckConfig config) {

  public long tenantId() {
    return entry.tenantId();
  }
}
