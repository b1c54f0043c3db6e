package io.vesana.hosts;

import java.time.Instant;

/** A host as the outside sees it (the API maps this to JSON; the entity never leaves). */
public record HostView(
    long id,
    long tenantId,
    String name,
    String displayName,
    String address,
    Long hostGroupId,
    Long profileId,
    Long collectorId,
    boolean enabled,
    Instant createdAt,
    long version) {

  static HostView of(Host h) {
    return new HostView(
        h.id(),
        h.tenantId(),
        h.name(),
        h.displayName(),
        h.address(),
        h.hostGroupId(),
        h.profileId(),
        h.collectorId(),
        h.enabled(),
        h.createdAt(),
        h.version());
  }
}
