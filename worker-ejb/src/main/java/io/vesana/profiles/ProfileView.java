package io.vesana.profiles;

import java.time.Instant;

/** A profile as the outside sees it. */
public record ProfileView(
    long id,
    long tenantId,
    String name,
    String description,
    boolean autoCreateServices,
    Instant createdAt,
    long version) {

  static ProfileView of(Profile p) {
    return new ProfileView(
        p.id(),
        p.tenantId(),
        p.name(),
        p.description(),
        p.autoCreateServices(),
        p.createdAt(),
        p.version());
  }
}
