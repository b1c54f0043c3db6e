package io.vesana.hostservices;

import io.vesana.tenancy.TenantRepository;
import io.vesana.tenancy.TenantScope;
import java.util.List;

/** The HostService repository port. Implemented by {@code JpaHostServices}. */
public interface HostServices extends TenantRepository<HostService> {

  /** One page of one host's services in id order after {@code afterId}. */
  List<HostService> ofHost(TenantScope scope, long hostId, long afterId, int limit);

  /**
   * Creates a service on {@code hostId} for each enabled check of {@code profileId} that has no
   * service of that name on the host yet; returns how many were created.
   */
  int instantiateProfile(TenantScope scope, long tenantId, long hostId, long profileId);

  /**
   * Creates a service for check {@code checkId} on every host of {@code profileId} that has no
   * service of that name yet; returns how many were created.
   */
  int instantiateCheck(TenantScope scope, long tenantId, long profileId, long checkId);
}
