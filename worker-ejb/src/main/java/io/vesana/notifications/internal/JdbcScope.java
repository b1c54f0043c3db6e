package io.vesana.notifications.internal;

import io.vesana.tenancy.TenantScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Binds "(? OR tenant_id = ANY (?))" as parameters 1 and 2 from a tenant scope. */
final class JdbcScope {

  private JdbcScope() {}

  static void bind(Connection c, PreparedStatement ps, TenantScope scope) throws SQLException {
    ps.setBoolean(1, scope.isAllTenants());
    ps.setArray(2, c.createArrayOf("bigint", scope.readableTenants().toArray()));
  }
}
