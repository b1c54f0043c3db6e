package io.vesana.discovery;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.Caller;
import io.vesana.discovery.internal.JdbcDiscoveries;
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
 * Scan use cases of the API, one container transaction each, under the caller's tenant scope: list
 * and read scans with their hosts, and request a scan, which the collector's configuration then
 * carries until its upload fills the request in. Requesting writes an audit record.
 */
@ApplicationScoped
@Transactional
public class DiscoveryBook {

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject AuditTrail audit;

  private final JdbcDiscoveries rows = new JdbcDiscoveries();

  public List<DiscoveryView> list(Caller caller, DiscoveryFilter filter, long afterId, int limit) {
    try (Connection c = dataSource.getConnection()) {
      return rows.page(c, caller.scope(), filter, afterId, limit);
    } catch (SQLException e) {
      throw new IllegalStateException("discoveries not read", e);
    }
  }

  public Optional<DiscoveryView> get(Caller caller, long id) {
    try (Connection c = dataSource.getConnection()) {
      return rows.find(c, caller.scope(), id);
    } catch (SQLException e) {
      throw new IllegalStateException("discovery not read", e);
    }
  }

  /** Hosts of a visible scan; empty when the scan is not visible. */
  public Optional<List<DiscoveredHostView>> hosts(Caller caller, long id, long afterId, int limit) {
    try (Connection c = dataSource.getConnection()) {
      Optional<DiscoveryView> d = rows.find(c, caller.scope(), id);
      if (d.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(rows.hosts(c, d.get().tenantId(), id, afterId, limit));
    } catch (SQLException e) {
      throw new IllegalStateException("discovered hosts not read", e);
    }
  }

  public DiscoveryView request(Caller caller, ScanRequest r) {
    long tenant = caller.scope().tenantForNewRow(r.tenantId());
    try (Connection c = dataSource.getConnection()) {
      long id = rows.insert(c, tenant, r, caller.userId());
      DiscoveryView v = rows.find(c, caller.scope(), id).orElseThrow();
      audit.record(caller, tenant, "discovery.requested", "discovery", "" + id, null, json(v));
      return v;
    } catch (SQLException e) {
      if ("23503".equals(e.getSQLState())) {
        throw new DiscoveryReferenceException("collector_id", "no such collector");
      }
      throw new IllegalStateException("discovery not requested", e);
    }
  }

  /** The audit image (no secrets in a scan). */
  static JsonObject json(DiscoveryView v) {
    return Json.createObjectBuilder()
        .add("id", v.id())
        .add("tenant_id", v.tenantId())
        .add("collector_id", v.collectorId())
        .add("cidr", v.cidr())
        .add("options", v.options())
        .add("status", v.status())
        .build();
  }
}
