package io.vesana.tenancy;

/**
 * The installation's own tenant (migration V16), owner of the pipeline self-test's synthetic host
 * and service. A tenant rather than rows without one, so the ingest path and the schema's tenant
 * rules hold for it unchanged.
 *
 * <p>It is created {@code suspended} and has no users, so nobody can log in to it (login refuses
 * users of a tenant that is not active), and tenant listings, reads, updates and settings leave it
 * out, so it cannot be resumed, renamed or configured through the API. Its slug is taken for good:
 * no customer tenant can be created with it (slugs are unique).
 */
public final class ReservedTenant {

  /** Slug of the reserved tenant; the tenants slug format allows it, customers cannot take it. */
  public static final String SLUG = "vesana-internal";

  private ReservedTenant() {}
}
