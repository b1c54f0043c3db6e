package io.vesana.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vesana.testing.Sql;
import io.vesana.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database itself keeps tenants apart: composite foreign keys make a row of tenant A unable to
 * point at a row of tenant B, whatever the application does. Also the identity invariants that hang
 * on the tenant (super admins, per-user credentials) and the secret-free settings JSON.
 */
class TenantIsolationIT {

  private static final String FOREIGN_KEY_VIOLATION = "23503";
  private static final String CHECK_VIOLATION = "23514";
  private static final String UNIQUE_VIOLATION = "23505";

  private TestDatabase db;
  private Connection c;
  private Sql sql;
  private long tenantA;
  private long tenantB;

  @BeforeEach
  void createMigratedDatabaseWithTwoTenants() throws SQLException {
    db = TestDatabase.createMigrated();
    c = db.dataSource().getConnection();
    sql = new Sql(c);
    tenantA = sql.id("INSERT INTO tenants (slug, name) VALUES ('acme', 'Acme') RETURNING id");
    tenantB = sql.id("INSERT INTO tenants (slug, name) VALUES ('globex', 'Globex') RETURNING id");
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    c.close();
    db.close();
  }

  @Test
  void hostCannotUseAnotherTenantsProfile() throws SQLException {
    long profileA =
        sql.id(
            "INSERT INTO profiles (tenant_id, name) VALUES ("
                + tenantA
                + ", 'Linux') RETURNING id");
    long profileB =
        sql.id(
            "INSERT INTO profiles (tenant_id, name) VALUES ("
                + tenantB
                + ", 'Linux') RETURNING id");

    failsWith(
            FOREIGN_KEY_VIOLATION,
            "INSERT INTO hosts (tenant_id, name, profile_id) VALUES ("
                + tenantA
                + ", 'db1', "
                + profileB
                + ")")
        .hasMessageContaining("hosts_profile_fk");
    assertThatCode(
            () ->
                sql.exec(
                    "INSERT INTO hosts (tenant_id, name, profile_id) VALUES ("
                        + tenantA
                        + ", 'db1', "
                        + profileA
                        + ")"))
        .doesNotThrowAnyException();

    long hostA = sql.id("SELECT id FROM hosts WHERE name = 'db1'");
    failsWith(
        FOREIGN_KEY_VIOLATION,
        "UPDATE hosts SET profile_id = " + profileB + " WHERE id = " + hostA);
  }

  @Test
  void hostCannotJoinAnotherTenantsHostGroupNorGroupsNestAcrossTenants() throws SQLException {
    long groupA =
        sql.id(
            "INSERT INTO host_groups (tenant_id, name) VALUES ("
                + tenantA
                + ", 'DC1') RETURNING id");
    long groupB =
        sql.id(
            "INSERT INTO host_groups (tenant_id, name) VALUES ("
                + tenantB
                + ", 'DC1') RETURNING id");

    failsWith(
        FOREIGN_KEY_VIOLATION,
        "INSERT INTO hosts (tenant_id, name, host_group_id) VALUES ("
            + tenantA
            + ", 'db1', "
            + groupB
            + ")");
    failsWith(
        FOREIGN_KEY_VIOLATION,
        "INSERT INTO host_groups (tenant_id, name, parent_id) VALUES ("
            + tenantA
            + ", 'Rack', "
            + groupB
            + ")");
    assertThatCode(
            () -> {
              sql.exec(
                  "INSERT INTO hosts (tenant_id, name, host_group_id) VALUES ("
                      + tenantA
                      + ", 'db1', "
                      + groupA
                      + ")");
              sql.exec(
                  "INSERT INTO host_groups (tenant_id, name, parent_id) VALUES ("
                      + tenantA
                      + ", 'Rack', "
                      + groupA
                      + ")");
            })
        .doesNotThrowAnyException();
  }

  @Test
  void serviceRowsCannotPointAcrossTenantsOrHosts() throws SQLException {
    long hostA =
        sql.id("INSERT INTO hosts (tenant_id, name) VALUES (" + tenantA + ", 'web1') RETURNING id");
    long otherHostA =
        sql.id("INSERT INTO hosts (tenant_id, name) VALUES (" + tenantA + ", 'web2') RETURNING id");
    long hostB =
        sql.id("INSERT INTO hosts (tenant_id, name) VALUES (" + tenantB + ", 'web1') RETURNING id");
    long serviceA =
        sql.id(
            "INSERT INTO host_services (tenant_id, host_id, name, kind, settings) VALUES ("
                + tenantA
                + ", "
                + hostA
                + ", 'ping', 'ping', '{}') RETURNING id");

    failsWith(
        FOREIGN_KEY_VIOLATION,
        "INSERT INTO host_services (tenant_id, host_id, name, kind, settings)"
            + " VALUES ("
            + tenantA
            + ", "
            + hostB
            + ", 'ping', 'ping', '{}')");
    failsWith(
        FOREIGN_KEY_VIOLATION,
        "INSERT INTO alerts (tenant_id, host_id, service_id, severity, state)"
            + " VALUES ("
            + tenantB
            + ", "
            + hostB
            + ", "
            + serviceA
            + ", 'critical', 2)");
    failsWith(
            FOREIGN_KEY_VIOLATION,
            "INSERT INTO alerts (tenant_id, host_id, service_id, severity, state)"
                + " VALUES ("
                + tenantA
                + ", "
                + otherHostA
                + ", "
                + serviceA
                + ", 'critical', 2)")
        .hasMessageContaining("alerts_service_fk");
    sql.exec(
        "INSERT INTO alerts (tenant_id, host_id, service_id, severity, state)"
            + " VALUES ("
            + tenantA
            + ", "
            + hostA
            + ", "
            + serviceA
            + ", 'critical', 2)");
    failsWith(
            UNIQUE_VIOLATION,
            "INSERT INTO alerts (tenant_id, host_id, service_id, severity, state)"
                + " VALUES ("
                + tenantA
                + ", "
                + hostA
                + ", "
                + serviceA
                + ", 'warning', 1)")
        .as("a second open alert for the same service");
    // check_results has no foreign keys (V9); results are stored only under the service's
    // current_status row, and that row cannot point into another tenant.
    failsWith(
            FOREIGN_KEY_VIOLATION,
            "INSERT INTO current_status (tenant_id, host_id, service_id) VALUES ("
                + tenantB
                + ", "
                + hostA
                + ", "
                + serviceA
                + ")")
        .hasMessageContaining("current_status_service_fk");
  }

  @Test
  void notificationsCannotUseAnotherTenantsChannel() throws SQLException {
    long channelB =
        sql.id(
            "INSERT INTO notification_channels (tenant_id, name, kind, settings) VALUES ("
                + tenantB
                + ", 'ops mail', 'smtp', '{\"to\": \"ops@globex.test\"}') RETURNING id");

    failsWith(
        FOREIGN_KEY_VIOLATION,
        "INSERT INTO notification_rules (tenant_id, name, channel_id)"
            + " VALUES ("
            + tenantA
            + ", 'all', "
            + channelB
            + ")");
    assertThatCode(
            () ->
                sql.exec(
                    "INSERT INTO notification_rules (tenant_id, name, channel_id)"
                        + " VALUES ("
                        + tenantB
                        + ", 'all', "
                        + channelB
                        + ")"))
        .doesNotThrowAnyException();
  }

  @Test
  void rolesAreAssignedOnlyWithinTheUsersTenant() throws SQLException {
    long userA =
        sql.id(
            "INSERT INTO users (tenant_id, email, display_name) VALUES ("
                + tenantA
                + ", 'ann@acme.test', 'Ann') RETURNING id");
    long roleB =
        sql.id("INSERT INTO roles (tenant_id, name) VALUES (" + tenantB + ", 'noc') RETURNING id");

    failsWith(
        FOREIGN_KEY_VIOLATION,
        "INSERT INTO user_roles (tenant_id, user_id, role_id) VALUES ("
            + tenantA
            + ", "
            + userA
            + ", "
            + roleB
            + ")");
    failsWith(
        FOREIGN_KEY_VIOLATION,
        "INSERT INTO user_roles (tenant_id, user_id, role_name) VALUES ("
            + tenantB
            + ", "
            + userA
            + ", 'viewer')");
    failsWith(
        CHECK_VIOLATION,
        "INSERT INTO user_roles (tenant_id, user_id, role_name) VALUES ("
            + tenantA
            + ", "
            + userA
            + ", 'super_admin')");
    assertThatCode(
            () ->
                sql.exec(
                    "INSERT INTO user_roles (tenant_id, user_id, role_name) VALUES ("
                        + tenantA
                        + ", "
                        + userA
                        + ", 'operator')"))
        .doesNotThrowAnyException();
  }

  @Test
  void onlySuperAdminsAreWithoutTenantAndEmailIsUniqueIgnoringCase() throws SQLException {
    failsWith(
        CHECK_VIOLATION, "INSERT INTO users (email, display_name) VALUES ('x@vesana.test', 'X')");
    failsWith(
        CHECK_VIOLATION,
        "INSERT INTO users (tenant_id, email, display_name, is_super_admin)"
            + " VALUES ("
            + tenantA
            + ", 'y@vesana.test', 'Y', true)");
    sql.exec(
        "INSERT INTO users (email, display_name, is_super_admin) VALUES ('Root@Vesana.test', 'Root', true)");
    failsWith(
        UNIQUE_VIOLATION,
        "INSERT INTO users (tenant_id, email, display_name) VALUES ("
            + tenantA
            + ", 'root@vesana.TEST', 'Imposter')");
  }

  @Test
  void userCredentialsTakeTheirUsersTenantWhateverTheWriterClaims() throws SQLException {
    long userA =
        sql.id(
            "INSERT INTO users (tenant_id, email, display_name) VALUES ("
                + tenantA
                + ", 'ann@acme.test', 'Ann') RETURNING id");
    long root =
        sql.id(
            "INSERT INTO users (email, display_name, is_super_admin)"
                + " VALUES ('root@vesana.test', 'Root', true) RETURNING id");

    assertThat(
            sql.string(
                "INSERT INTO refresh_tokens (tenant_id, user_id, token_hash, family_id, expires_at)"
                    + " VALUES ("
                    + tenantB
                    + ", "
                    + userA
                    + ", sha256('a'), gen_random_uuid(),"
                    + " now() + interval '1 day') RETURNING tenant_id"))
        .isEqualTo(String.valueOf(tenantA));
    assertThat(
            sql.string(
                "INSERT INTO refresh_tokens (user_id, token_hash, family_id, expires_at)"
                    + " VALUES ("
                    + root
                    + ", sha256('b'), gen_random_uuid(), now() + interval '1 day')"
                    + " RETURNING tenant_id"))
        .isNull();
    assertThat(
            sql.string(
                "INSERT INTO mobile_push_tokens (user_id, platform, token_hash, token_ciphertext)"
                    + " VALUES ("
                    + userA
                    + ", 'android', sha256('fcm'), '\\x00'::bytea) RETURNING tenant_id"))
        .isEqualTo(String.valueOf(tenantA));
  }

  @Test
  void tokensAndKeysAreStoredOnlyAsSha256Hashes() throws SQLException {
    failsWith(
        CHECK_VIOLATION,
        "INSERT INTO agent_tokens (tenant_id, token_hash, display_prefix)"
            + " VALUES ("
            + tenantA
            + ", convert_to('vesana_agent_plaintext', 'UTF8'), 'vesana_agent_ab')");
    failsWith(
        CHECK_VIOLATION,
        "INSERT INTO api_keys (tenant_id, name, key_hash, prefix)"
            + " VALUES ("
            + tenantA
            + ", 'dc1', '\\x0102'::bytea, 'vsk_ab')");
    sql.exec(
        "INSERT INTO agent_tokens (tenant_id, token_hash, display_prefix)"
            + " VALUES ("
            + tenantA
            + ", sha256('vesana_agent_x'), 'vesana_agent_ab')");
    failsWith(
        UNIQUE_VIOLATION,
        "INSERT INTO agent_tokens (tenant_id, token_hash, display_prefix)"
            + " VALUES ("
            + tenantB
            + ", sha256('vesana_agent_x'), 'vesana_agent_ab')");
  }

  @Test
  void checkSettingsAreValidatedPerKindAndNeverCarrySecrets() throws SQLException {
    long profile =
        sql.id(
            "INSERT INTO profiles (tenant_id, name) VALUES (" + tenantA + ", 'UPS') RETURNING id");
    String insert =
        "INSERT INTO profile_checks (tenant_id, profile_id, name, kind, settings) VALUES ("
            + tenantA
            + ", "
            + profile
            + ", ";

    failsWith(
        CHECK_VIOLATION,
        insert + "'battery', 'snmp', '{\"oid\": \"1.3.6.1.4.1.318\", \"community\": \"public\"}')");
    failsWith(CHECK_VIOLATION, insert + "'battery', 'snmp', '{\"version\": \"2c\"}')");
    failsWith(CHECK_VIOLATION, insert + "'battery', 'telnet', '{}')");
    failsWith(CHECK_VIOLATION, insert + "'battery', 'snmp', '[\"oid\"]')");
    assertThatCode(
            () ->
                sql.exec(
                    insert + "'battery', 'snmp', '{\"oid\": \"1.3.6.1.4.1.318.1.1.1.2.2.1.0\"}')"))
        .doesNotThrowAnyException();
  }

  @Test
  void dependencyNamesExactlyOneParentAndOneChild() throws SQLException {
    long router =
        sql.id(
            "INSERT INTO hosts (tenant_id, name) VALUES (" + tenantA + ", 'router') RETURNING id");
    long web =
        sql.id("INSERT INTO hosts (tenant_id, name) VALUES (" + tenantA + ", 'web') RETURNING id");
    long webPing =
        sql.id(
            "INSERT INTO host_services (tenant_id, host_id, name, kind, settings) VALUES ("
                + tenantA
                + ", "
                + web
                + ", 'ping', 'ping', '{}') RETURNING id");
    long foreign =
        sql.id(
            "INSERT INTO hosts (tenant_id, name) VALUES (" + tenantB + ", 'router') RETURNING id");
    String insert =
        "INSERT INTO dependencies (tenant_id, parent_host_id, parent_service_id,"
            + " child_host_id, child_service_id) VALUES ("
            + tenantA
            + ", ";

    failsWith(CHECK_VIOLATION, insert + router + ", " + webPing + ", " + web + ", null)");
    failsWith(CHECK_VIOLATION, insert + router + ", null, null, null)");
    failsWith(CHECK_VIOLATION, insert + router + ", null, " + router + ", null)");
    failsWith(FOREIGN_KEY_VIOLATION, insert + foreign + ", null, " + web + ", null)");
    assertThatCode(() -> sql.exec(insert + router + ", null, null, " + webPing + ")"))
        .doesNotThrowAnyException();
  }

  private AbstractThrowableAssert<?, ? extends Throwable> failsWith(
      String sqlState, String statement) {
    return assertThatThrownBy(() -> sql.exec(statement))
        .as(statement)
        .isInstanceOf(SQLException.class)
        .satisfies(
            e ->
                assertThat(((SQLException) e).getSQLState())
                    .as(e.getMessage())
                    .isEqualTo(sqlState));
  }
}
