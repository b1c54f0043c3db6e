package io.vesana.audit;

import io.vesana.auth.Caller;
import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import javax.sql.DataSource;

/**
 * Writes audit records in the caller's transaction (the JTA data source enlists the connection), so
 * a mutation and its record commit or roll back together. Callers pass before/after images with
 * secrets already masked ({@link #MASK}); this class never sees a secret.
 */
@ApplicationScoped
public class AuditTrail {

  /** What a secret field shows in an audit image. */
  public static final String MASK = "********";

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  public AuditTrail() {}

  /** For tests outside a container (no shared transaction there). */
  public AuditTrail(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void record(
      Caller actor,
      Long tenantId,
      String action,
      String entityType,
      String entityId,
      JsonObject before,
      JsonObject after) {
    try (Connection c = dataSource.getConnection()) {
      record(c, actor, tenantId, action, entityType, entityId, before, after);
    } catch (SQLException e) {
      // No mutation without its record: failing here rolls the caller's transaction back.
      throw new IllegalStateException("audit record not written", e);
    }
  }

  /**
   * The same, on the caller's own connection: for use cases that run their transaction by hand
   * (login, SSO exchange), so the record commits or rolls back with them.
   */
  public void record(
      Connection c,
      Caller actor,
      Long tenantId,
      String action,
      String entityType,
      String entityId,
      JsonObject before,
      JsonObject after) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_log (tenant_id, actor_user_id, actor_label, action, entity_type,"
                + " entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)")) {
      if (tenantId == null) {
        ps.setNull(1, Types.BIGINT);
      } else {
        ps.setLong(1, tenantId);
      }
      ps.setLong(2, actor.userId());
      ps.setString(3, actor.email());
      ps.setString(4, action);
      ps.setString(5, entityType);
      ps.setString(6, entityId);
      ps.setString(7, before == null ? null : before.toString());
      ps.setString(8, after == null ? null : after.toString());
      ps.executeUpdate();
    } catch (SQLException e) {
      // No mutation without its record: failing here rolls the caller's transaction back.
      throw new IllegalStateException("audit record not written", e);
    }
  }
}
