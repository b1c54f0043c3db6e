package io.vesana.profiles;

import io.vesana.tenancy.TenantRepository;

/** The Profile repository port. Implemented by {@code JpaProfiles}; the API module consumes it. */
public interface Profiles extends TenantRepository<Profile> {}
