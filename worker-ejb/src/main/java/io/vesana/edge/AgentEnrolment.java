package io.vesana.edge;

import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * An agent introduces itself with its agent token: it is bound to the host its token was issued
 * for, or else to the tenant's host named {@code hostName} (which must not have an agent yet), and
 * its hostname, OS, architecture and version are recorded. Enrolling again updates those facts.
 */
@ApplicationScoped
@Transactional
public class AgentEnrolment {

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  public AgentEnrolment() {}

  /** Outside a container (integration tests). */
  public AgentEnrolment(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Facts the agent reports about itself. */
  public record Facts(String hostName, String hostname, String os, String arch, String version) {}

  /** Returns the agent as now bound: id and host set. */
  public EdgeIdentity enrol(EdgeIdentity agent, Facts f) {
    try (Connection c = dataSource.getConnection()) {
      long hostId = agent.hostId() != null ? agent.hostId() : hostNamed(c, agent.tenantId(), f);
      long id =
          agent.componentId() != null ? update(c, agent, hostId, f) : insert(c, agent, hostId, f);
      return new EdgeIdentity(
          EdgeIdentity.Kind.AGENT, agent.tenantId(), agent.credentialId(), id, hostId);
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new EdgeException(409, "that host already has another agent");
      }
      throw new IllegalStateException("agent not enrolled", e);
    }
  }

  private static long insert(Connection c, EdgeIdentity agent, long hostId, Facts f)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO agents (tenant_id, host_id, token_id, hostname, os, arch,"
                + " software_version, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'online')"
                + " ON CONFLICT (tenant_id, host_id) DO NOTHING RETURNING id")) {
      ps.setLong(1, agent.tenantId());
      ps.setLong(2, hostId);
      ps.setLong(3, agent.credentialId());
      facts(ps, 4, f);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new EdgeException(409, "that host already has another agent");
        }
        return rs.getLong(1);
      }
    }
  }

  private static long update(Connection c, EdgeIdentity agent, long hostId, Facts f)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE agents SET host_id = ?, hostname = ?, os = ?, arch = ?, software_version = ?,"
                + " status = CASE WHEN status = 'disabled' THEN status ELSE 'online' END,"
                + " updated_at = now() WHERE tenant_id = ? AND id = ?")) {
      ps.setLong(1, hostId);
      facts(ps, 2, f);
      ps.setLong(6, agent.tenantId());
      ps.setLong(7, agent.componentId());
      ps.executeUpdate();
      return agent.componentId();
    }
  }

  private static void facts(PreparedStatement ps, int at, Facts f) throws SQLException {
    ps.setString(at, f.hostname());
    ps.setString(at + 1, f.os());
    ps.setString(at + 2, f.arch());
    ps.setString(at + 3, f.version());
  }

  private static long hostNamed(Connection c, long tenant, Facts f) throws SQLException {
    String name = f.hostName() != null ? f.hostName() : f.hostname();
    if (name == null) {
      throw new EdgeException(400, "host is required: this token is not bound to a host");
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM hosts WHERE tenant_id = ? AND lower(name) = lower(?)")) {
      ps.setLong(1, tenant);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new EdgeException(404, "no host named '" + name + "' in this tenant");
        }
        return rs.getLong(1);
      }
    }
  }
}
