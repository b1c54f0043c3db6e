package io.vesana.hosts;

import io.vesana.tenancy.TenantRepository;
import io.vesana.tenancy.TenantScope;
import java.util.List;

/**
 * The HostGroup repository port. Implemented by {@code JpaHostGroups}; the API module consumes it.
 */
public interface HostGroups extends TenantRepository<HostGroup> {

  /**
   * One page of groups in id order after {@code afterId}; only children of {@code parentId} when
   * given ({@code topLevel}: only groups without a parent); only names containing {@code text}
   * (case-insensitive) when given.
   */
  List<HostGroup> search(
      TenantScope scope, String text, Long parentId, boolean topLevel, long afterId, int limit);
}
