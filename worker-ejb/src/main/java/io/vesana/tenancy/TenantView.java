package io.vesana.tenancy;

import java.time.Instant;

/** A tenant as the API shows it. */
public record TenantView(long id, String slug, String name, String status, Instant createdAt) {}
