package io.vesana.hosts;

import io.vesana.tenancy.TenantRepository;

/**
 * The HostGroup repository port. Implemented by {@code JpaHostGroups}; the API module consumes it.
 */
public interface HostGroups extends TenantRepository<HostGroup> {}
