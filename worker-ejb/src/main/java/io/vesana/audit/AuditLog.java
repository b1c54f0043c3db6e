package io.vesana.audit;

import io.vesana.auth.Caller;
import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reading the audit log, newest first, keyset by id. A tenant user sees their home tenant's records
 * only (read access a custom role grants to other tenants does not extend to their audit trail); a
 * super admin sees every record, system-level ones (no tenant) included.
 */
@ApplicationScoped
public class AuditLog {

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  public AuditLog() {}

  /** For tests outside a container. */
  public AuditLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Records with id below {@code beforeId} matching {@code f}, newest first. */
  public List<AuditEntryView> list(Caller caller, AuditFilter f, long beforeId, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, tenant_id, actor_user_id, actor_label, action, entity_type, entity_id,"
                    + " before::text, after::text, at FROM audit_log"
                    + " WHERE (? OR tenant_id = ?) AND id < ?"
                    + " AND (?::bigint IS NULL OR actor_user_id = ?)"
                    + " AND (?::text IS NULL OR lower(actor_label) = lower(?))"
                    + " AND (?::text IS NULL OR entity_type = ?)"
                    + " AND (?::timestamptz IS NULL OR at >= ?)"
                    + " AND (?::timestamptz IS NULL OR at < ?)"
                    + " ORDER BY id DESC LIMIT ?")) {
      ps.setBoolean(1, caller.superAdmin());
      if (caller.superAdmin()) {
        ps.setNull(2, Types.BIGINT);
      } else {
        ps.setLong(2, caller.tenantId());
      }
      ps.setLong(3, beforeId);
      ps.setObject(4, f.actorUserId(), Types.BIGINT);
      ps.setObject(5, f.actorUserId(), Types.BIGINT);
      ps.setString(6, f.actorLabel());
      ps.setString(7, f.actorLabel());
      ps.setString(8, f.entityType());
      ps.setString(9, f.entityType());
      Timestamp from = f.from() == null ? null : Timestamp.from(f.from());
      Timestamp to = f.to() == null ? null : Timestamp.from(f.to());
      ps.setTimestamp(10, from);
      ps.setTimestamp(11, from);
      ps.setTimestamp(12, to);
      ps.setTimestamp(13, to);
      ps.setInt(14, limit);
      return rows(ps);
    } catch (SQLException e) {
      throw new IllegalStateException("audit log not read", e);
    }
  }

  private static List<AuditEntryView> rows(PreparedStatement ps) throws SQLException {
    List<AuditEntryView> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new AuditEntryView(
                rs.getLong(1),
                rs.getObject(2, Long.class),
                rs.getObject(3, Long.class),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getTimestamp(10).toInstant()));
      }
    }
    return out;
  }
}
