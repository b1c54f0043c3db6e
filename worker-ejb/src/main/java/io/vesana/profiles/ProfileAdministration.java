package io.vesana.profiles;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Profile use cases, one container transaction each, under the caller's tenant scope; every change
 * is audited in the same transaction. A profile still assigned to hosts cannot be deleted.
 */
@ApplicationScoped
@Transactional
public class ProfileAdministration {

  @Inject Profiles profiles;
  @Inject AuditTrail audit;

  public ProfileAdministration() {}

  /** Outside a container (integration tests). */
  public ProfileAdministration(Profiles profiles, AuditTrail audit) {
    this.profiles = profiles;
    this.audit = audit;
  }

  public List<ProfileView> list(Caller caller, String text, long afterId, int limit) {
    return profiles.search(caller.scope(), text, afterId, limit).stream()
        .map(ProfileView::of)
        .toList();
  }

  public Optional<ProfileView> get(Caller caller, long id) {
    return profiles.find(caller.scope(), id).map(ProfileView::of);
  }

  public ProfileView create(Caller caller, ProfileDraft d) {
    long tenant = caller.scope().tenantForNewRow(d.tenantId());
    Profile p = new Profile(tenant, d.name(), d.description());
    p.setAutoCreateServices(d.autoCreateServices());
    try {
      profiles.add(caller.scope(), p);
    } catch (PersistenceException e) {
      throw translate(e, d.name());
    }
    ProfileView v = ProfileView.of(p);
    audit.record(caller, tenant, "profile.created", "profile", "" + v.id(), null, json(v));
    return v;
  }

  public Optional<ProfileView> update(Caller caller, long id, ProfileDraft d) {
    Optional<Profile> found = profiles.find(caller.scope(), id);
    if (found.isEmpty() || !caller.scope().canWrite(found.get().tenantId())) {
      return Optional.empty();
    }
    ProfileView before = ProfileView.of(found.get());
    try {
      profiles.update(
          caller.scope(),
          id,
          p -> {
            p.rename(d.name());
            p.describe(d.description());
            p.setAutoCreateServices(d.autoCreateServices());
          });
    } catch (PersistenceException e) {
      throw translate(e, d.name());
    }
    ProfileView after = profiles.find(caller.scope(), id).map(ProfileView::of).orElseThrow();
    audit.record(
        caller, after.tenantId(), "profile.updated", "profile", "" + id, json(before), json(after));
    return Optional.of(after);
  }

  /** Deletes the profile with its checks (and their host services); refused while hosts use it. */
  public boolean delete(Caller caller, long id) {
    Optional<Profile> found = profiles.find(caller.scope(), id);
    if (found.isEmpty() || !caller.scope().canWrite(found.get().tenantId())) {
      return false;
    }
    ProfileView before = ProfileView.of(found.get());
    try {
      profiles.delete(caller.scope(), id);
    } catch (PersistenceException e) {
      throw translate(e, before.name());
    }
    audit.record(
        caller, before.tenantId(), "profile.deleted", "profile", "" + id, json(before), null);
    return true;
  }

  private static RuntimeException translate(PersistenceException e, String name) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
        return new ProfileConflictException(
            "a profile named '" + name + "' already exists in this tenant");
      }
      if (t instanceof SQLException s && "23503".equals(s.getSQLState())) {
        return new ProfileConflictException(
            "the profile is assigned to hosts: assign them another profile first");
      }
    }
    return e;
  }

  static JsonObject json(ProfileView v) {
    var b =
        Json.createObjectBuilder()
            .add("id", v.id())
            .add("tenant_id", v.tenantId())
            .add("name", v.name())
            .add("auto_create_services", v.autoCreateServices());
    if (v.description() != null) {
      b.add("description", v.description());
    }
    return b.build();
  }
}
