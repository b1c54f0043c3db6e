package io.vesana.edge;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.Caller;
import io.vesana.credentials.Credentials;
import io.vesana.credentials.IssuedCredential;
import io.vesana.edge.internal.JdbcEdgeComponents;
import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Collector and agent administration for users with {@code collectors.manage}: register a collector
 * (its API key is issued with it and shown once), list and read collectors and agents with their
 * status and last contact, and remove them (revoking their key or token). One container transaction
 * per use case; each change audited, never with a secret.
 */
@ApplicationScoped
@Transactional
public class EdgeAdministration {

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject Credentials credentials;
  @Inject AuditTrail audit;

  /** A new collector and its API key (the key in this answer only). */
  public record RegisteredCollector(EdgeComponentView collector, String apiKey) {
    @Override
    public String toString() {
      return "RegisteredCollector[" + collector + ", apiKey=(shown once)]";
    }
  }

  public RegisteredCollector registerCollector(
      Caller caller, Long tenantId, String name, String description) {
    long tenant = caller.scope().tenantForNewRow(tenantId);
    try (Connection c = dataSource.getConnection()) {
      if (exists(c, tenant, name)) {
        throw new EdgeException(409, "a collector named '" + name + "' already exists");
      }
      IssuedCredential key =
          credentials.issueApiKey(caller, tenant, "collector " + name, "collector", null);
      long id;
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO collectors (tenant_id, name, description, api_key_id)"
                  + " VALUES (?, ?, ?, ?) RETURNING id")) {
        ps.setLong(1, tenant);
        ps.setString(2, name);
        ps.setString(3, description);
        ps.setLong(4, key.credential().id());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      EdgeComponentView v =
          JdbcEdgeComponents.find(c, EdgeIdentity.Kind.COLLECTOR, List.of(tenant), id)
              .orElseThrow();
      audit.record(caller, tenant, "collector.created", "collector", "" + id, null, json(v));
      return new RegisteredCollector(v, key.secret());
    } catch (SQLException e) {
      throw new IllegalStateException("collector not registered", e);
    }
  }

  private static boolean exists(Connection c, long tenant, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM collectors WHERE tenant_id = ? AND lower(name) = lower(?)")) {
      ps.setLong(1, tenant);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  public List<EdgeComponentView> list(
      Caller caller, EdgeIdentity.Kind kind, String status, Long hostId, long afterId, int limit) {
    try (Connection c = dataSource.getConnection()) {
      return JdbcEdgeComponents.list(c, kind, readable(caller), status, hostId, afterId, limit);
    } catch (SQLException e) {
      throw new IllegalStateException("edge components not listed", e);
    }
  }

  public Optional<EdgeComponentView> get(Caller caller, EdgeIdentity.Kind kind, long id) {
    try (Connection c = dataSource.getConnection()) {
      return JdbcEdgeComponents.find(c, kind, readable(caller), id);
    } catch (SQLException e) {
      throw new IllegalStateException("edge component not read", e);
    }
  }

  /** Removes the collector or agent and revokes its key or token; false if not visible. */
  public boolean remove(Caller caller, EdgeIdentity.Kind kind, long id) {
    List<Long> writable = caller.superAdmin() ? null : List.of(caller.tenantId());
    try (Connection c = dataSource.getConnection()) {
      Optional<EdgeComponentView> found = JdbcEdgeComponents.find(c, kind, writable, id);
      if (found.isEmpty()) {
        return false;
      }
      EdgeComponentView v = found.get();
      if (v.credentialId() != null) {
        if (kind == EdgeIdentity.Kind.AGENT) {
          credentials.revokeAgentToken(caller, v.credentialId());
        } else {
          credentials.revokeApiKey(caller, v.credentialId());
        }
      }
      String table = kind == EdgeIdentity.Kind.AGENT ? "agents" : "collectors";
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM " + table + " WHERE tenant_id = ? AND id = ?")) {
        ps.setLong(1, v.tenantId());
        ps.setLong(2, id);
        ps.executeUpdate();
      }
      String type = kind == EdgeIdentity.Kind.AGENT ? "agent" : "collector";
      audit.record(caller, v.tenantId(), type + ".deleted", type, "" + id, json(v), null);
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("edge component not removed", e);
    }
  }

  private static List<Long> readable(Caller caller) {
    return caller.superAdmin() ? null : List.copyOf(caller.scope().readableTenants());
  }

  static JsonObject json(EdgeComponentView v) {
    var b =
        Json.createObjectBuilder()
            .add("id", v.id())
            .add("tenant_id", v.tenantId())
            .add("status", v.status());
    if (v.name() != null) {
      b.add("name", v.name());
    }
    if (v.hostId() != null) {
      b.add("host_id", v.hostId());
    }
    return b.build();
  }
}
