package io.vesana.profiles;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.Caller;
import io.vesana.checks.CheckKind;
import io.vesana.checks.InvalidCheckException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Profile check use cases under {@code /profiles/{id}/checks}: a check exists only inside a profile
 * visible to the caller (else absent). A referenced credential must be the tenant's and of a kind
 * the check can use. Changes are audited; settings hold no secret (they are refused), so the audit
 * image needs no masking.
 */
@ApplicationScoped
@Transactional
public class ProfileCheckAdministration {

  @Inject Profiles profiles;
  @Inject ProfileChecks checks;
  @Inject AuditTrail audit;
  @Inject Event<ProfileCheckAdded> added;

  public ProfileCheckAdministration() {}

  /** Outside a container (integration tests); {@code added} may ignore the events. */
  public ProfileCheckAdministration(
      Profiles profiles, ProfileChecks checks, AuditTrail audit, Event<ProfileCheckAdded> added) {
    this.profiles = profiles;
    this.checks = checks;
    this.audit = audit;
    this.added = added;
  }

  /** Empty when the profile is not visible. */
  public Optional<List<ProfileCheckView>> list(
      Caller caller, long profileId, long afterId, int limit) {
    if (profiles.find(caller.scope(), profileId).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        checks.ofProfile(caller.scope(), profileId, afterId, limit).stream()
            .map(ProfileCheckView::of)
            .toList());
  }

  public Optional<ProfileCheckView> get(Caller caller, long profileId, long id) {
    return checks
        .find(caller.scope(), id)
        .filter(c -> c.profileId() == profileId)
        .map(ProfileCheckView::of);
  }

  /** Empty when the profile is not visible or not writable. */
  public Optional<ProfileCheckView> create(Caller caller, long profileId, ProfileCheckDraft d) {
    Optional<Profile> profile = profiles.find(caller.scope(), profileId);
    if (profile.isEmpty() || !caller.scope().canWrite(profile.get().tenantId())) {
      return Optional.empty();
    }
    long tenant = profile.get().tenantId();
    requireCredential(caller, tenant, d);
    ProfileCheck c = new ProfileCheck(tenant, profileId, d);
    try {
      checks.add(caller.scope(), c);
    } catch (PersistenceException e) {
      throw translate(e, d.name());
    }
    ProfileCheckView v = ProfileCheckView.of(c);
    audit.record(
        caller, tenant, "profile_check.created", "profile_check", "" + v.id(), null, json(v));
    if (v.enabled() && profile.get().autoCreateServices()) {
      added.fire(new ProfileCheckAdded(tenant, profileId, v.id()));
    }
    return Optional.of(v);
  }

  public Optional<ProfileCheckView> update(
      Caller caller, long profileId, long id, ProfileCheckDraft d) {
    Optional<ProfileCheck> found =
        checks.find(caller.scope(), id).filter(c -> c.profileId() == profileId);
    if (found.isEmpty() || !caller.scope().canWrite(found.get().tenantId())) {
      return Optional.empty();
    }
    ProfileCheckView before = ProfileCheckView.of(found.get());
    if (before.kind() != d.settings().kind()) {
      throw new InvalidCheckException(
          "/kind",
          "the kind of a profile check cannot change (it is " + before.kind().code() + ")");
    }
    requireCredential(caller, before.tenantId(), d);
    try {
      checks.update(caller.scope(), id, c -> c.apply(d));
    } catch (PersistenceException e) {
      throw translate(e, d.name());
    }
    ProfileCheckView after =
        checks.find(caller.scope(), id).map(ProfileCheckView::of).orElseThrow();
    audit.record(
        caller,
        after.tenantId(),
        "profile_check.updated",
        "profile_check",
        "" + id,
        json(before),
        json(after));
    return Optional.of(after);
  }

  /** Deletes the check and the host services that instantiate it. */
  public boolean delete(Caller caller, long profileId, long id) {
    Optional<ProfileCheck> found =
        checks.find(caller.scope(), id).filter(c -> c.profileId() == profileId);
    if (found.isEmpty() || !caller.scope().canWrite(found.get().tenantId())) {
      return false;
    }
    ProfileCheckView before = ProfileCheckView.of(found.get());
    checks.delete(caller.scope(), id);
    audit.record(
        caller,
        before.tenantId(),
        "profile_check.deleted",
        "profile_check",
        "" + id,
        json(before),
        null);
    return true;
  }

  private void requireCredential(Caller caller, long tenant, ProfileCheckDraft d) {
    if (d.credentialId() != null) {
      requireCredential(checks, caller, tenant, d.settings().kind(), d.credentialId());
    }
  }

  /** The credential must exist in {@code tenant} and suit {@code kind}; else a 400 on its field. */
  public static void requireCredential(
      ProfileChecks checks, Caller caller, long tenant, CheckKind kind, long credentialId) {
    String credentialKind =
        checks
            .credentialKind(caller.scope(), tenant, credentialId)
            .orElseThrow(
                () ->
                    new InvalidCheckException(
                        "/credential_id",
                        "credential_id does not name a credential of this tenant"));
    if (!kind.accepts(credentialKind)) {
      throw new InvalidCheckException(
          "/credential_id",
          "a " + credentialKind + " credential cannot be used by a " + kind.code() + " check");
    }
  }

  private static RuntimeException translate(PersistenceException e, String name) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
        return new ProfileConflictException(
            "a check named '" + name + "' already exists in this profile");
      }
    }
    return e;
  }

  static JsonObject json(ProfileCheckView v) {
    var b =
        Json.createObjectBuilder()
            .add("id", v.id())
            .add("tenant_id", v.tenantId())
            .add("profile_id", v.profileId())
            .add("name", v.name())
            .add("kind", v.kind().code())
            .add("settings", v.settings())
            .add("check_interval_s", v.checkIntervalS())
            .add("retry_interval_s", v.retryIntervalS())
            .add("max_check_attempts", v.maxCheckAttempts())
            .add("enabled", v.enabled());
    if (v.credentialId() != null) {
      b.add("credential_id", v.credentialId());
    }
    return b.build();
  }
}
