package io.vesana.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Structural rules read from the catalog, so every table a future migration adds is checked without
 * touching this test. The allow-lists below are the only exceptions, each with its reason.
 */
class SchemaCatalogIT {

  /** Tables without tenant_id: not customer data. */
  private static final Map<String, String> GLOBAL_TABLES =
      Map.of(
          "tenants", "the tenants themselves",
          "permissions", "catalog of permission codes, shipped with the code",
          "profile_templates", "vendor-shipped profile catalog, shared by all tenants",
          "profile_template_checks", "checks of the vendor-shipped profile catalog",
          "system_settings", "installation-wide settings",
          "flyway_schema_history", "Flyway bookkeeping");

  /** Tables whose tenant_id may be NULL. */
  private static final Map<String, String> NULLABLE_TENANT_TABLES =
      Map.of(
          "users", "super admins belong to no tenant (CHECK is_super_admin = (tenant_id IS NULL))",
          "audit_log", "system-level actions (tenant created, system setting changed)",
          "user_recovery_codes",
              "belongs to a user; tenant mirrors the user's, none for super admins",
          "refresh_tokens", "belongs to a user; tenant mirrors the user's, none for super admins",
          "sso_identities", "belongs to a user; tenant mirrors the user's, none for super admins",
          "mobile_push_tokens",
              "belongs to a user; tenant mirrors the user's, none for super admins");

  /** Tenant tables deliberately without a foreign key tenant_id → tenants(id). */
  private static final Map<String, String> TENANT_TABLES_WITHOUT_TENANT_FK =
      Map.of(
          "check_results",
          "append-only time series written only under the current_status row lock (V9): the keys"
              + " cost more than the insert");

  /** Foreign keys between tenant tables that are deliberately not paired on tenant_id. */
  private static final Map<String, String> NON_TENANT_PAIRED_FKS =
      Map.of(
          "refresh_tokens_replaced_by_fk",
          "paired on user_id instead: stricter than tenant (same user), and works for super admins");

  /** Names that look secret but are not; everything else matching SECRET_NAME must not be text. */
  private static final Map<String, String> NON_SECRET_COLUMNS =
      Map.of(
          "tenant_settings.key", "name of a setting",
          "system_settings.key", "name of a setting");

  private static final Pattern SECRET_NAME =
      Pattern.compile("password|secret|community|token|key", Pattern.CASE_INSENSITIVE);

  private static final Pattern NON_SECRET_SUFFIX =
      Pattern.compile(".*_(hash|ciphertext|id|prefix)$");

  private TestDatabase db;

  @BeforeEach
  void createMigratedDatabase() {
    db = TestDatabase.createMigrated();
  }

  @AfterEach
  void dropDatabase() {
    db.close();
  }

  @Test
  void tablesWithoutTenantIdAreExactlyTheDocumentedGlobalTables() throws SQLException {
    List<String> withoutTenant =
        strings(
            baseTablesQuery(
                "NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid"
                    + " AND a.attname = 'tenant_id' AND NOT a.attisdropped)"));

    assertThat(withoutTenant).containsExactlyInAnyOrderElementsOf(GLOBAL_TABLES.keySet());
  }

  @Test
  void tenantIdIsNotNullExceptOnTheDocumentedTables() throws SQLException {
    List<String> nullable =
        strings(
            baseTablesQuery(
                "EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid"
                    + " AND a.attname = 'tenant_id' AND NOT a.attnotnull)"));

    assertThat(nullable).containsExactlyInAnyOrderElementsOf(NULLABLE_TENANT_TABLES.keySet());
  }

  @Test
  void everyTenantTableHasABigintTenantIdReferencingTenants() throws SQLException {
    List<String> offenders =
        strings(
            baseTablesQuery(
                tenantTable()
                    + " AND NOT EXISTS (SELECT 1 FROM pg_constraint f"
                    + "   JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = f.conkey[1]"
                    + "   JOIN pg_attribute r ON r.attrelid = f.confrelid AND r.attnum = f.confkey[1]"
                    + "  WHERE f.conrelid = c.oid AND f.contype = 'f'"
                    + "    AND cardinality(f.conkey) = 1 AND a.attname = 'tenant_id'"
                    + "    AND a.atttypid = 'bigint'::regtype"
                    + "    AND f.confrelid = 'tenants'::regclass AND r.attname = 'id')"));

    assertThat(offenders)
        .as("tenant tables without FK tenant_id → tenants(id)")
        .containsExactlyInAnyOrderElementsOf(TENANT_TABLES_WITHOUT_TENANT_FK.keySet());
    assertThat(strings(baseTablesQuery(tenantTable()))).contains("hosts", "check_results");
  }

  @Test
  void everyTenantTableHasAFullIndexLeadingWithTenantId() throws SQLException {
    // A partial index does not serve every tenant-scoped query, so it does not count.
    List<String> offenders =
        strings(
            baseTablesQuery(
                tenantTable()
                    + " AND NOT EXISTS (SELECT 1 FROM pg_index i"
                    + "   JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
                    + "  WHERE i.indrelid = c.oid AND a.attname = 'tenant_id' AND i.indpred IS NULL)"));

    assertThat(offenders).as("tenant tables without an index starting with tenant_id").isEmpty();
  }

  @Test
  void foreignKeysBetweenTenantTablesArePairedOnTenantId() throws SQLException {
    // Referencing users(id) alone is allowed: authors and actors may be super admins, who have no
    // tenant; such columns record who did something and never grant access.
    List<String> offenders =
        strings(
            "SELECT f.conname FROM pg_constraint f"
                + " JOIN pg_class c ON c.oid = f.conrelid"
                + " WHERE f.contype = 'f' AND c.relnamespace = current_schema()::regnamespace"
                + "   AND NOT c.relispartition"
                + "   AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = f.confrelid"
                + "               AND a.attname = 'tenant_id')"
                + "   AND NOT (f.confrelid = 'users'::regclass AND cardinality(f.confkey) = 1)"
                + "   AND NOT EXISTS (SELECT 1 FROM generate_subscripts(f.conkey, 1) k"
                + "     JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = f.conkey[k]"
                + "     JOIN pg_attribute r ON r.attrelid = f.confrelid AND r.attnum = f.confkey[k]"
                + "    WHERE a.attname = 'tenant_id' AND r.attname = 'tenant_id')");

    assertThat(offenders).containsExactlyInAnyOrderElementsOf(NON_TENANT_PAIRED_FKS.keySet());
  }

  @Test
  void everyForeignKeyIsBackedByAnIndexOnTheReferencingSide() throws SQLException {
    // Without one, deleting a parent row scans the child table. References to users(id) are
    // exempt: users are disabled, and deleted only rarely (and then a scan is acceptable).
    List<String> offenders =
        strings(
            "SELECT c.relname || '.' || f.conname FROM pg_constraint f"
                + " JOIN pg_class c ON c.oid = f.conrelid"
                + " WHERE f.contype = 'f' AND c.relnamespace = current_schema()::regnamespace"
                + "   AND NOT c.relispartition AND f.confrelid <> 'users'::regclass"
                + "   AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid"
                + "     AND (SELECT array_agg(x ORDER BY x) FROM unnest(f.conkey) x)"
                + "       = (SELECT array_agg(x ORDER BY x) FROM unnest("
                + "            (i.indkey::int2[])[0:cardinality(f.conkey) - 1]) x))");

    assertThat(offenders).isEmpty();
  }

  @Test
  void everyIdColumnIsABigintIdentityGeneratedAlways() throws SQLException {
    List<String> offenders =
        strings(
            "SELECT c.relname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')"
                + "   AND NOT c.relispartition AND a.attname = 'id'"
                + "   AND c.relname <> 'flyway_schema_history'"
                + "   AND NOT (a.atttypid = 'bigint'::regtype AND a.attidentity = 'a')");

    assertThat(offenders).isEmpty();
  }

  @Test
  void noColumnWithASecretLookingNameHoldsText() throws SQLException {
    List<String> suspicious = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)"
                    + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                    + " WHERE c.relnamespace = current_schema()::regnamespace"
                    + "   AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
                    + "   AND a.attnum > 0 AND NOT a.attisdropped"
                    + "   AND a.atttypid IN ('text'::regtype, 'character varying'::regtype,"
                    + "                      'character'::regtype, 'jsonb'::regtype, 'json'::regtype)")) {
      while (rs.next()) {
        String column = rs.getString(1) + "." + rs.getString(2);
        String name = rs.getString(2);
        if (SECRET_NAME.matcher(name).find()
            && !NON_SECRET_SUFFIX.matcher(name).matches()
            && !NON_SECRET_COLUMNS.containsKey(column)) {
          suspicious.add(column + " " + rs.getString(3));
        }
      }
    }

    assertThat(suspicious).isEmpty();
    // The allow-list must not go stale.
    assertThat(strings(columnsNamed("key"))).containsAll(NON_SECRET_COLUMNS.keySet());
  }

  @Test
  void ciphertextAndTokenHashColumnsAreBinary() throws SQLException {
    // users.password_hash is a self-describing argon2id/bcrypt string, hence text.
    List<String> offenders =
        strings(
            "SELECT c.relname || '.' || a.attname FROM pg_attribute a"
                + " JOIN pg_class c ON c.oid = a.attrelid"
                + " WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')"
                + "   AND NOT c.relispartition AND NOT a.attisdropped"
                + "   AND (a.attname LIKE '%\\_ciphertext' OR a.attname LIKE '%\\_hash')"
                + "   AND a.atttypid <> 'bytea'::regtype"
                + "   AND (c.relname, a.attname) <> ('users', 'password_hash')");

    assertThat(offenders).isEmpty();
    assertThat(strings(columnsNamed("totp_secret_ciphertext")))
        .containsExactly("users.totp_secret_ciphertext");
  }

  @Test
  void allowListedTablesExist() throws SQLException {
    Set<String> documented = new TreeSet<>(GLOBAL_TABLES.keySet());
    documented.addAll(NULLABLE_TENANT_TABLES.keySet());

    assertThat(strings(baseTablesQuery("true"))).containsAll(documented).hasSizeGreaterThan(40);
  }

  private static String tenantTable() {
    return "EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid"
        + " AND a.attname = 'tenant_id' AND NOT a.attisdropped)";
  }

  /** Base tables of the schema, partitioned parents included, partitions excluded. */
  private static String baseTablesQuery(String condition) {
    return "SELECT c.relname FROM pg_class c"
        + " WHERE c.relnamespace = current_schema()::regnamespace"
        + "   AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND "
        + condition;
  }

  private static String columnsNamed(String column) {
    return "SELECT c.relname || '.' || a.attname FROM pg_attribute a"
        + " JOIN pg_class c ON c.oid = a.attrelid"
        + " WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')"
        + "   AND NOT c.relispartition AND a.attname = '"
        + column
        + "'";
  }

  private List<String> strings(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
