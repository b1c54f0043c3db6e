package io.vesana.hosts;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Host use cases, one container transaction each, always under the caller's tenant scope; every
 * change writes its audit record in the same transaction.
 */
@ApplicationScoped
@Transactional
public class HostAdministration {

  @Inject Hosts hosts;
  @Inject AuditTrail audit;
  @Inject Event<HostProfileAssigned> profileAssigned;

  public List<HostView> list(Caller caller, String text, long afterId, int limit) {
    return hosts.search(caller.scope(), text, afterId, limit).stream().map(HostView::of).toList();
  }

  public Optional<HostView> get(Caller caller, long id) {
    return hosts.find(caller.scope(), id).map(HostView::of);
  }

  public HostView create(Caller caller, HostDraft d) {
    long tenant = caller.scope().tenantForNewRow(d.tenantId());
    Host h = new Host(tenant, d.name(), d.address());
    apply(h, d);
    try {
      hosts.add(caller.scope(), h);
    } catch (PersistenceException e) {
      throw translate(e, d.name());
    }
    HostView v = HostView.of(h);
    audit.record(caller, tenant, "host.created", "host", Long.toString(v.id()), null, json(v));
    if (v.profileId() != null) {
      profileAssigned.fire(new HostProfileAssigned(tenant, v.id(), v.profileId()));
    }
    return v;
  }

  public Optional<HostView> update(Caller caller, long id, HostDraft d) {
    Optional<Host> found = hosts.find(caller.scope(), id);
    if (found.isEmpty() || !caller.scope().canWrite(found.get().tenantId())) {
      return Optional.empty();
    }
    HostView before = HostView.of(found.get());
    try {
      hosts.update(
          caller.scope(),
          id,
          h -> {
            h.rename(d.name());
            h.moveTo(d.address());
            apply(h, d);
          });
    } catch (PersistenceException e) {
      throw translate(e, d.name());
    }
    HostView after = hosts.find(caller.scope(), id).map(HostView::of).orElseThrow();
    audit.record(
        caller,
        after.tenantId(),
        "host.updated",
        "host",
        Long.toString(id),
        json(before),
        json(after));
    if (after.profileId() != null && !after.profileId().equals(before.profileId())) {
      profileAssigned.fire(new HostProfileAssigned(after.tenantId(), id, after.profileId()));
    }
    return Optional.of(after);
  }

  public boolean delete(Caller caller, long id) {
    Optional<Host> found = hosts.find(caller.scope(), id);
    if (found.isEmpty() || !caller.scope().canWrite(found.get().tenantId())) {
      return false;
    }
    HostView before = HostView.of(found.get());
    hosts.delete(caller.scope(), id);
    audit.record(
        caller, before.tenantId(), "host.deleted", "host", Long.toString(id), json(before), null);
    return true;
  }

  private static void apply(Host h, HostDraft d) {
    h.setDisplayName(d.displayName());
    h.assignGroup(d.hostGroupId());
    h.assignProfile(d.profileId());
    h.assignCollector(d.collectorId());
    h.setEnabled(d.enabled());
  }

  private static RuntimeException translate(PersistenceException e, String name) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
        return new HostNameTakenException(name);
      }
      if (t instanceof SQLException s && "23503".equals(s.getSQLState())) {
        return new HostReferenceException();
      }
    }
    return e;
  }

  static JsonObject json(HostView v) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", v.id())
            .add("tenant_id", v.tenantId())
            .add("name", v.name())
            .add("enabled", v.enabled());
    if (v.displayName() != null) {
      b.add("display_name", v.displayName());
    }
    if (v.address() != null) {
      b.add("address", v.address());
    }
    if (v.hostGroupId() != null) {
      b.add("host_group_id", v.hostGroupId());
    }
    if (v.profileId() != null) {
      b.add("profile_id", v.profileId());
    }
    if (v.collectorId() != null) {
      b.add("collector_id", v.collectorId());
    }
    return b.build();
  }
}
