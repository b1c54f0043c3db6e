package io.vesana.tenancy.internal;

import io.vesana.tenancy.CurrentTenantScope;
import io.vesana.tenancy.TenantScope;
import io.vesana.tenancy.UnscopedTenantAccessException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Statement-level safety net, seeing every SQL statement Hibernate sends (HQL, criteria, native,
 * bulk DML, counts and projections, none of which an entity listener sees):
 *
 * <ul>
 *   <li>a statement that touches a tenant table with no scope bound throws;
 *   <li>a read, update or delete of a tenant table under a restricted scope must carry a tenant
 *       predicate ({@code tenant_id in (..)} from the filter, or an explicit {@code tenant_id =}),
 *       otherwise it throws rather than return or change other tenants' rows.
 * </ul>
 *
 * Inserts, and an entity's own update/delete by id, are checked per row by {@link
 * TenantGuardListener} before they are flushed ({@link GuardedWrites}). Thread-safe.
 */
public class TenantStatementInspector implements StatementInspector {

  private static final long serialVersionUID = 1L;

  private static final Pattern TABLE_REF =
      Pattern.compile(
          "\\b(?:from|join|update|into)\\s+\"?([a-z_][a-z0-9_]*)\"?", Pattern.CASE_INSENSITIVE);

  /** An entity's own write by primary key, as Hibernate flushes it. */
  private static final Pattern ENTITY_WRITE_BY_ID =
      Pattern.compile(
          "^\\s*(?:update|delete)\\b.*\\bwhere\\s+id\\s*=\\s*\\?(?:\\s+and\\s+version\\s*=\\s*\\?)?\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private static final Pattern TENANT_PREDICATE =
      Pattern.compile("tenant_id\\s*(?:in\\s*\\(|=\\s*(?:any\\s*\\()?)", Pattern.CASE_INSENSITIVE);

  @Override
  public String inspect(String sql) {
    String table = firstTenantTable(sql);
    if (table == null) {
      return sql;
    }
    TenantScope scope = CurrentTenantScope.require("SQL on tenant table " + table);
    if (!scope.isAllTenants()
        && !isInsert(sql)
        && !TENANT_PREDICATE.matcher(sql).find()
        && !isApprovedEntityWrite(sql, table)) {
      throw new UnscopedTenantAccessException(
          "SQL on tenant table " + table + " without a tenant predicate under " + scope);
    }
    return sql;
  }

  private static String firstTenantTable(String sql) {
    Matcher m = TABLE_REF.matcher(sql);
    while (m.find()) {
      if (TenantTables.contains(m.group(1))) {
        return m.group(1);
      }
    }
    return null;
  }

  private static boolean isApprovedEntityWrite(String sql, String table) {
    return GuardedWrites.approved(table) && ENTITY_WRITE_BY_ID.matcher(sql).matches();
  }

  private static boolean isInsert(String sql) {
    return sql.stripLeading().toLowerCase(Locale.ROOT).startsWith("insert");
  }
}
