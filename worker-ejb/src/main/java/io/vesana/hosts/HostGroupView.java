package io.vesana.hosts;

import java.time.Instant;

/** A host group as the outside sees it (the API maps this to JSON; the entity never leaves). */
public record HostGroupView(
    long id,
    long tenantId,
    String name,
    String description,
    Long parentId,
    Instant createdAt,
    long version) {

  static HostGroupView of(HostGroup g) {
    return new HostGroupView(
        g.id(), g.tenantId(), g.name(), g.description(), g.parentId(), g.createdAt(), g.version());
  }
}
