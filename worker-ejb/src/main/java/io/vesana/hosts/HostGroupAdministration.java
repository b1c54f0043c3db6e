package io.vesana.hosts;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Host group use cases, one container transaction each, under the caller's tenant scope; every
 * change writes its audit record in the same transaction. A parent must be a group of the same
 * tenant, and a move that would make a group its own ancestor is refused.
 */
@ApplicationScoped
@Transactional
public class HostGroupAdministration {

  /** Deeper trees are refused: a walk up the parents always ends. */
  static final int MAX_DEPTH = 32;

  @Inject HostGroups groups;
  @Inject AuditTrail audit;

  public HostGroupAdministration() {}

  /** Outside a container (integration tests). */
  public HostGroupAdministration(HostGroups groups, AuditTrail audit) {
    this.groups = groups;
    this.audit = audit;
  }

  public List<HostGroupView> list(
      Caller caller, String text, Long parentId, boolean topLevel, long afterId, int limit) {
    return groups.search(caller.scope(), text, parentId, topLevel, afterId, limit).stream()
        .map(HostGroupView::of)
        .toList();
  }

  public Optional<HostGroupView> get(Caller caller, long id) {
    return groups.find(caller.scope(), id).map(HostGroupView::of);
  }

  public HostGroupView create(Caller caller, HostGroupDraft d) {
    long tenant = caller.scope().tenantForNewRow(d.tenantId());
    requireParent(caller, tenant, null, d.parentId());
    HostGroup g = new HostGroup(tenant, d.name(), d.parentId());
    g.describe(d.description());
    try {
      groups.add(caller.scope(), g);
    } catch (PersistenceException e) {
      throw translate(e, d.name());
    }
    HostGroupView v = HostGroupView.of(g);
    audit.record(caller, tenant, "host_group.created", "host_group", "" + v.id(), null, json(v));
    return v;
  }

  public Optional<HostGroupView> update(Caller caller, long id, HostGroupDraft d) {
    Optional<HostGroup> found = groups.find(caller.scope(), id);
    if (found.isEmpty() || !caller.scope().canWrite(found.get().tenantId())) {
      return Optional.empty();
    }
    HostGroupView before = HostGroupView.of(found.get());
    requireParent(caller, before.tenantId(), id, d.parentId());
    try {
      groups.update(
          caller.scope(),
          id,
          g -> {
            g.rename(d.name());
            g.describe(d.description());
            g.moveUnder(d.parentId());
          });
    } catch (PersistenceException e) {
      throw translate(e, d.name());
    }
    HostGroupView after = groups.find(caller.scope(), id).map(HostGroupView::of).orElseThrow();
    audit.record(
        caller,
        after.tenantId(),
        "host_group.updated",
        "host_group",
        "" + id,
        json(before),
        json(after));
    return Optional.of(after);
  }

  /** Deletes the group; its subgroups go with it, its hosts stay, without a group. */
  public boolean delete(Caller caller, long id) {
    Optional<HostGroup> found = groups.find(caller.scope(), id);
    if (found.isEmpty() || !caller.scope().canWrite(found.get().tenantId())) {
      return false;
    }
    HostGroupView before = HostGroupView.of(found.get());
    groups.delete(caller.scope(), id);
    audit.record(
        caller, before.tenantId(), "host_group.deleted", "host_group", "" + id, json(before), null);
    return true;
  }

  /**
   * The parent must be a group of {@code tenant}, and walking up from it must never reach {@code
   * self} (the group being moved): that would be a cycle.
   */
  private void requireParent(Caller caller, long tenant, Long self, Long parentId) {
    Set<Long> seen = new HashSet<>();
    Long cursor = parentId;
    while (cursor != null) {
      if (cursor.equals(self)) {
        throw new HostGroupConflictException(
            "a host group cannot be placed under itself or one of its subgroups");
      }
      if (!seen.add(cursor) || seen.size() > MAX_DEPTH) {
        throw new HostGroupConflictException(
            "host groups nest at most " + MAX_DEPTH + " levels deep");
      }
      HostGroup g = groups.find(caller.scope(), cursor).orElse(null);
      if (g == null || g.tenantId() != tenant) {
        if (cursor.equals(parentId)) {
          throw new HostGroupParentException();
        }
        return; // an ancestor outside the scope cannot be in this tenant's tree
      }
      cursor = g.parentId();
    }
  }

  private static RuntimeException translate(PersistenceException e, String name) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
        return new HostGroupConflictException(
            "a host group named '" + name + "' already exists under this parent");
      }
      if (t instanceof SQLException s && "23503".equals(s.getSQLState())) {
        return new HostGroupParentException();
      }
    }
    return e;
  }

  static JsonObject json(HostGroupView v) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", v.id())
            .add("tenant_id", v.tenantId())
            .add("name", v.name());
    if (v.description() != null) {
      b.add("description", v.description());
    }
    if (v.parentId() != null) {
      b.add("parent_id", v.parentId());
    }
    return b.build();
  }
}
