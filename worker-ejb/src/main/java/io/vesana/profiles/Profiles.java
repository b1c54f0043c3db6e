package io.vesana.profiles;

import io.vesana.tenancy.TenantRepository;
import io.vesana.tenancy.TenantScope;
import java.util.List;

/** The Profile repository port. Implemented by {@code JpaProfiles}; the API module consumes it. */
public interface Profiles extends TenantRepository<Profile> {

  /** One page in id order after {@code afterId}, optionally only names containing {@code text}. */
  List<Profile> search(TenantScope scope, String text, long afterId, int limit);
}
