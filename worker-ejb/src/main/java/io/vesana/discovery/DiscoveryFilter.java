package io.vesana.discovery;

import java.time.Instant;
import java.util.Set;

/**
 * Which scans a list shows; null fields do not filter. {@code from}/{@code to} bound the creation
 * time, [from, to).
 */
public record DiscoveryFilter(Long collectorId, String status, Instant from, Instant to) {

  public static final Set<String> STATUSES =
      Set.of("requested", "running", "finished", "failed", "cancelled");
}
