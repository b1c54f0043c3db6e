package io.vesana.hosts;

import io.vesana.tenancy.TenantRepository;
import io.vesana.tenancy.TenantScope;

/** The Host repository port. Implemented by {@code JpaHosts}; the API module consumes it. */
public interface Hosts extends TenantRepository<Host> {

  /**
   * One page of hosts in id order after {@code afterId}, optionally only those whose name or
   * display name contains {@code text} (case-insensitive). Keyset paging: stable under inserts.
   */
  java.util.List<Host> search(TenantScope scope, String text, long afterId, int limit);
}
