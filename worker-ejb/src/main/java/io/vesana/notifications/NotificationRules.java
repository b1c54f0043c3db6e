package io.vesana.notifications;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.Caller;
import io.vesana.notifications.internal.JdbcRules;
import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Rule use cases, one transaction each, under the caller's tenant scope, audited in the same
 * transaction. The channel and every id in the match must belong to the rule's tenant.
 */
@ApplicationScoped
@Transactional
public class NotificationRules {

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject AuditTrail audit;

  private final JdbcRules rows = new JdbcRules();

  public List<RuleView> list(Caller caller, Long channelId, long afterId, int limit) {
    try (Connection c = dataSource.getConnection()) {
      return rows.page(c, caller.scope(), channelId, afterId, limit);
    } catch (SQLException e) {
      throw new IllegalStateException("rules not read", e);
    }
  }

  public Optional<RuleView> get(Caller caller, long id) {
    try (Connection c = dataSource.getConnection()) {
      return rows.find(c, caller.scope(), id);
    } catch (SQLException e) {
      throw new IllegalStateException("rule not read", e);
    }
  }

  public RuleView create(Caller caller, RuleDraft d) {
    RuleMatch.validate(d.match());
    long tenant = caller.scope().tenantForNewRow(d.tenantId());
    try (Connection c = dataSource.getConnection()) {
      checkIds(c, tenant, d.match());
      long id = rows.insert(c, tenant, d);
      RuleView v = rows.find(c, caller.scope(), id).orElseThrow();
      audit.record(
          caller, tenant, "notification_rule.created", "notification_rule", "" + id, null, json(v));
      return v;
    } catch (SQLException e) {
      throw NotificationFailures.translate(e, "rule", d.name());
    }
  }

  public Optional<RuleView> update(Caller caller, long id, RuleDraft d) {
    RuleMatch.validate(d.match());
    try (Connection c = dataSource.getConnection()) {
      Optional<RuleView> found = writable(c, caller, id);
      if (found.isEmpty()) {
        return found;
      }
      long tenant = found.get().tenantId();
      checkIds(c, tenant, d.match());
      rows.update(c, tenant, id, d);
      RuleView after = rows.find(c, caller.scope(), id).orElseThrow();
      audit.record(
          caller,
          tenant,
          "notification_rule.updated",
          "notification_rule",
          "" + id,
          json(found.get()),
          json(after));
      return Optional.of(after);
    } catch (SQLException e) {
      throw NotificationFailures.translate(e, "rule", d.name());
    }
  }

  public boolean delete(Caller caller, long id) {
    try (Connection c = dataSource.getConnection()) {
      Optional<RuleView> found = writable(c, caller, id);
      if (found.isEmpty()) {
        return false;
      }
      rows.delete(c, found.get().tenantId(), id);
      audit.record(
          caller,
          found.get().tenantId(),
          "notification_rule.deleted",
          "notification_rule",
          "" + id,
          json(found.get()),
          null);
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("rule not deleted", e);
    }
  }

  private void checkIds(Connection c, long tenant, JsonObject match) throws SQLException {
    List<Long> groups = RuleMatch.hostGroupIds(match);
    if (rows.countExisting(c, "host_groups", tenant, groups)
        != groups.stream().distinct().count()) {
      throw RuleMatch.bad("host_group_ids", "host_group_ids names a group not in this tenant");
    }
    List<Long> hosts = RuleMatch.hostIds(match);
    if (rows.countExisting(c, "hosts", tenant, hosts) != hosts.stream().distinct().count()) {
      throw RuleMatch.bad("host_ids", "host_ids names a host not in this tenant");
    }
  }

  private Optional<RuleView> writable(Connection c, Caller caller, long id) throws SQLException {
    return rows.find(c, caller.scope(), id).filter(v -> caller.scope().canWrite(v.tenantId()));
  }

  static JsonObject json(RuleView v) {
    var b =
        Json.createObjectBuilder()
            .add("id", v.id())
            .add("tenant_id", v.tenantId())
            .add("name", v.name())
            .add("match", v.match())
            .add("channel_id", v.channelId())
            .add("escalation_delay_s", v.escalationDelayS())
            .add("notify_on_recovery", v.notifyOnRecovery())
            .add("priority", v.priority())
            .add("enabled", v.enabled());
    if (v.repeatIntervalS() != null) {
      b.add("repeat_interval_s", v.repeatIntervalS());
    }
    return b.build();
  }
}
