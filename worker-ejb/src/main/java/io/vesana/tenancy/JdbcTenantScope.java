package io.vesana.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * The one way plain-JDBC queries apply a {@link TenantScope} (they are not seen by the Hibernate
 * filter): the query says {@code (? OR <alias>.tenant_id = ANY (?))}, and this binds its two
 * parameters: true only for a scope over all tenants (a super admin), else the readable tenants.
 * Another tenant's row is thus simply not found, and the API answers 404.
 *
 * <p>One tenant read by a plain user is the common case; a list whose index leads with tenant_id is
 * served best by a plain equality there (see {@code StatusQueries.problems}), which this generic
 * form does not give the planner.
 */
public final class JdbcTenantScope {

  private JdbcTenantScope() {}

  /** Binds the predicate's two parameters at {@code first} and {@code first + 1}. */
  public static void bind(Connection c, PreparedStatement ps, int first, TenantScope scope)
      throws SQLException {
    bind(c, ps, first, scope.isAllTenants(), scope.readableTenants());
  }

  public static void bind(
      Connection c, PreparedStatement ps, int first, boolean allTenants, Collection<Long> tenants)
      throws SQLException {
    ps.setBoolean(first, allTenants);
    ps.setArray(first + 1, c.createArrayOf("bigint", tenants.toArray()));
  }
}
