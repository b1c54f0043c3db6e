package io.vesana.tenancy;

import io.vesana.profiles.Profile;
import io.vesana.profiles.internal.JpaProfiles;
import jakarta.persistence.EntityManager;

class JpaProfilesIsolationIT extends TenantRepositoryContract<Profile> {

  @Override
  protected TenantRepository<Profile> repository(EntityManager em) {
    return new JpaProfiles(em);
  }

  @Override
  protected Profile newEntity(long tenantId, String name) {
    return new Profile(tenantId, name, "test profile");
  }

  @Override
  protected String nameOf(Profile entity) {
    return entity.name();
  }

  @Override
  protected void rename(Profile entity, String name) {
    entity.rename(name);
  }

  @Override
  protected Long idOf(Profile entity) {
    return entity.id();
  }

  @Override
  protected Class<Profile> type() {
    return Profile.class;
  }
}
