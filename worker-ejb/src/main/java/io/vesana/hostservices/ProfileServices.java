package io.vesana.hostservices;

import io.vesana.hosts.HostProfileAssigned;
import io.vesana.profiles.Profile;
import io.vesana.profiles.ProfileCheckAdded;
import io.vesana.profiles.Profiles;
import io.vesana.tenancy.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Keeps host services in step with profiles that auto-create them ({@code
 * profiles.auto_create_services}): a host given such a profile gets a service per enabled check,
 * and an enabled check added to it appears on every host of the profile. Runs synchronously in the
 * transaction of the change (CDI events), scoped to that tenant only. Existing services of the same
 * name are left as they are.
 */
@ApplicationScoped
public class ProfileServices {

  @Inject Profiles profiles;
  @Inject HostServices services;

  public ProfileServices() {}

  /** Outside a container (integration tests). */
  public ProfileServices(Profiles profiles, HostServices services) {
    this.profiles = profiles;
    this.services = services;
  }

  public void onProfileAssigned(@Observes HostProfileAssigned e) {
    TenantScope scope = TenantScope.of(e.tenantId());
    if (profiles.find(scope, e.profileId()).filter(Profile::autoCreateServices).isPresent()) {
      services.instantiateProfile(scope, e.tenantId(), e.hostId(), e.profileId());
    }
  }

  public void onCheckAdded(@Observes ProfileCheckAdded e) {
    TenantScope scope = TenantScope.of(e.tenantId());
    services.instantiateCheck(scope, e.tenantId(), e.profileId(), e.checkId());
  }
}
