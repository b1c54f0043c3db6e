package io.vesana.profiles;

import io.vesana.tenancy.TenantRepository;
import io.vesana.tenancy.TenantScope;
import java.util.List;
import java.util.Optional;

/** The ProfileCheck repository port. Implemented by {@code JpaProfileChecks}. */
public interface ProfileChecks extends TenantRepository<ProfileCheck> {

  /** One page of one profile's checks in id order after {@code afterId}. */
  List<ProfileCheck> ofProfile(TenantScope scope, long profileId, long afterId, int limit);

  /** The kind of a stored credential of {@code tenantId}, empty when there is no such row. */
  Optional<String> credentialKind(TenantScope scope, long tenantId, long credentialId);
}
