package io.vesana.hostservices;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.Caller;
import io.vesana.checks.EffectiveCheck;
import io.vesana.checks.InvalidCheckException;
import io.vesana.hosts.Host;
import io.vesana.hosts.Hosts;
import io.vesana.profiles.ProfileCheckAdministration;
import io.vesana.profiles.ProfileCheckView;
import io.vesana.profiles.ProfileChecks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Host service use cases under {@code /hosts/{id}/services}: a service exists only on a host
 * visible to the caller (else absent); changes need the host to be writable. Each change is audited
 * (no secrets: settings and overrides refuse them).
 */
@ApplicationScoped
@Transactional
public class HostServiceAdministration {

  @Inject Hosts hosts;
  @Inject HostServices services;
  @Inject ProfileChecks checks;
  @Inject AuditTrail audit;

  public HostServiceAdministration() {}

  /** Outside a container (integration tests). */
  public HostServiceAdministration(
      Hosts hosts, HostServices services, ProfileChecks checks, AuditTrail audit) {
    this.hosts = hosts;
    this.services = services;
    this.checks = checks;
    this.audit = audit;
  }

  public Optional<HostServiceView> get(Caller caller, long hostId, long id) {
    return find(caller, hostId, id).map(HostServiceView::of);
  }

  /** Empty when the host is not visible or not writable. */
  public Optional<HostServiceView> create(Caller caller, long hostId, HostServiceDraft d) {
    Optional<Host> host = hosts.find(caller.scope(), hostId);
    if (host.isEmpty() || !caller.scope().canWrite(host.get().tenantId())) {
      return Optional.empty();
    }
    ProfileCheckView check = profileCheck(caller, host.get(), d.profileCheckId());
    ServiceValidation.Result r = ServiceValidation.validate(d, check);
    requireCredential(caller, host.get().tenantId(), r, check);
    HostService s = new HostService(host.get().tenantId(), hostId, d.profileCheckId(), r.kind());
    s.apply(r.service());
    try {
      services.add(caller.scope(), s);
    } catch (PersistenceException e) {
      throw translate(e, d.name());
    }
    HostServiceView v = HostServiceView.of(s);
    audit.record(
        caller, v.tenantId(), "host_service.created", "host_service", "" + v.id(), null, json(v));
    return Optional.of(v);
  }

  /** Replaces the writable fields; host, profile check and kind stay. */
  public Optional<HostServiceView> update(Caller caller, long hostId, long id, HostServiceDraft d) {
    Optional<HostService> found = find(caller, hostId, id);
    if (found.isEmpty() || !caller.scope().canWrite(found.get().tenantId())) {
      return Optional.empty();
    }
    HostServiceView before = HostServiceView.of(found.get());
    if (d.profileCheckId() != null && !d.profileCheckId().equals(before.profileCheckId())) {
      throw new InvalidCheckException("/profile_check_id", "profile_check_id cannot change");
    }
    ProfileCheckView check =
        before.profileCheckId() == null
            ? null
            : checks
                .find(caller.scope(), before.profileCheckId())
                .map(ProfileCheckView::of)
                .orElseThrow();
    HostServiceDraft withKind = d.kind() == null ? withKind(d, before) : d;
    ServiceValidation.Result r = ServiceValidation.validate(withKind, check);
    if (r.kind() != before.kind()) {
      throw new InvalidCheckException("/kind", "the kind of a service cannot change");
    }
    requireCredential(caller, before.tenantId(), r, check);
    try {
      services.update(caller.scope(), id, s -> s.apply(r.service()));
    } catch (PersistenceException e) {
      throw translate(e, d.name());
    }
    HostServiceView after = find(caller, hostId, id).map(HostServiceView::of).orElseThrow();
    audit.record(
        caller,
        after.tenantId(),
        "host_service.updated",
        "host_service",
        "" + id,
        json(before),
        json(after));
    return Optional.of(after);
  }

  public boolean delete(Caller caller, long hostId, long id) {
    Optional<HostService> found = find(caller, hostId, id);
    if (found.isEmpty() || !caller.scope().canWrite(found.get().tenantId())) {
      return false;
    }
    HostServiceView before = HostServiceView.of(found.get());
    services.delete(caller.scope(), id);
    audit.record(
        caller,
        before.tenantId(),
        "host_service.deleted",
        "host_service",
        "" + id,
        json(before),
        null);
    return true;
  }

  /** The merged configuration the service runs with, each value with its source. */
  public Optional<EffectiveCheck> effective(Caller caller, long hostId, long id) {
    return find(caller, hostId, id)
        .map(HostServiceView::of)
        .map(
            s ->
                EffectiveCheck.of(
                    s.profileCheckId() == null
                        ? null
                        : checks
                            .find(caller.scope(), s.profileCheckId())
                            .map(ProfileCheckView::of)
                            .orElseThrow()
                            .layer(),
                    s.layer()));
  }

  private Optional<HostService> find(Caller caller, long hostId, long id) {
    return services.find(caller.scope(), id).filter(s -> s.hostId() == hostId);
  }

  /** The profile check a new service instantiates: one of the host's own profile. */
  private ProfileCheckView profileCheck(Caller caller, Host host, Long checkId) {
    if (checkId == null) {
      return null;
    }
    return checks
        .find(caller.scope(), checkId)
        .filter(c -> c.tenantId() == host.tenantId())
        .filter(c -> host.profileId() != null && c.profileId() == host.profileId())
        .map(ProfileCheckView::of)
        .orElseThrow(
            () ->
                new InvalidCheckException(
                    "/profile_check_id",
                    "profile_check_id must name a check of the host's profile"));
  }

  private void requireCredential(
      Caller caller, long tenant, ServiceValidation.Result r, ProfileCheckView check) {
    Long credential = r.service().draft().credentialId();
    if (credential != null) {
      ProfileCheckAdministration.requireCredential(checks, caller, tenant, r.kind(), credential);
    }
  }

  private static HostServiceDraft withKind(HostServiceDraft d, HostServiceView before) {
    return new HostServiceDraft(
        d.name(),
        d.profileCheckId(),
        before.kind().code(),
        d.settings(),
        d.overrides(),
        d.credentialId(),
        d.checkIntervalS(),
        d.retryIntervalS(),
        d.maxCheckAttempts(),
        d.warnThreshold(),
        d.critThreshold(),
        d.freshnessThresholdS(),
        d.hostCheck(),
        d.enabled());
  }

  private static RuntimeException translate(PersistenceException e, String name) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
        return new HostServiceConflictException(
            s.getMessage() != null && s.getMessage().contains("host_check")
                ? "the host already has a host check service"
                : "a service named '" + name + "' already exists on this host");
      }
    }
    return e;
  }

  static JsonObject json(HostServiceView v) {
    var b =
        Json.createObjectBuilder()
            .add("id", v.id())
            .add("tenant_id", v.tenantId())
            .add("host_id", v.hostId())
            .add("name", v.name())
            .add("kind", v.kind().code())
            .add("overrides", v.overrides())
            .add("enabled", v.enabled());
    if (v.profileCheckId() != null) {
      b.add("profile_check_id", v.profileCheckId());
    }
    if (v.settings() != null) {
      b.add("settings", v.settings());
    }
    if (v.credentialId() != null) {
      b.add("credential_id", v.credentialId());
    }
    return b.build();
  }
}
