package io.vesana.hosts;

import io.vesana.tenancy.TenantRepository;

/** The Host repository port. Implemented by {@code JpaHosts}; the API module consumes it. */
public interface Hosts extends TenantRepository<Host> {}
