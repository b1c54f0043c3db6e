package io.vesana.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.BuiltInRole;
import io.vesana.auth.Caller;
import io.vesana.auth.Login;
import io.vesana.auth.PasswordHashing;
import io.vesana.auth.twofactor.TwoFactorPolicy;
import io.vesana.auth.twofactor.TwoFactorRequirement;
import io.vesana.testing.Sql;
import io.vesana.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Settings against the real schema, and read back by the code that uses them: the two-factor policy
 * at login and the retention purge.
 */
class SettingsIT {

  private TestDatabase db;
  private Connection c;
  private Sql sql;
  private Settings settings;
  private long acme;
  private long globex;
  private Caller acmeAdmin;
  private Caller root;

  @BeforeEach
  void createWorld() throws SQLException {
    db = TestDatabase.createMigrated();
    c = db.dataSource().getConnection();
    sql = new Sql(c);
    acme = sql.id("INSERT INTO tenants (slug, name) VALUES ('acme', 'Acme') RETURNING id");
    globex = sql.id("INSERT INTO tenants (slug, name) VALUES ('globex', 'Globex') RETURNING id");
    long adminId =
        sql.id(
            "INSERT INTO users (tenant_id, email, display_name, password_hash) VALUES ("
                + acme
                + ", 'admin@acme.example', 'A', '"
                + PasswordHashing.hash("pw-pw-pw-pw".toCharArray())
                + "') RETURNING id");
    sql.exec(
        "INSERT INTO user_roles (tenant_id, user_id, role_name) VALUES ("
            + acme
            + ", "
            + adminId
            + ", 'tenant_admin')");
    long rootId =
        sql.id(
            "INSERT INTO users (email, display_name, is_super_admin) VALUES"
                + " ('root@example', 'R', true) RETURNING id");
    acmeAdmin =
        new Caller(
            adminId,
            acme,
            "admin@acme.example",
            Set.of("tenant_admin"),
            BuiltInRole.TENANT_ADMIN.permissions(),
            Set.of());
    root =
        new Caller(
            rootId,
            null,
            "root@example",
            Set.of("super_admin"),
            BuiltInRole.SUPER_ADMIN.permissions(),
            Set.of());
    settings = new Settings(db.dataSource(), new AuditTrail(db.dataSource()));
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    c.close();
    db.close();
  }

  @Test
  void unsetSettingsReadAsTheirDefaults() {
    var values = settings.tenant(acmeAdmin, acme).orElseThrow();

    assertThat(values).extracting(SettingValue::key).contains(TwoFactorPolicy.TENANT_SETTING);
    assertThat(values).allMatch(SettingValue::isDefault);
    assertThat(value(values, "checks.default_interval_seconds")).isEqualTo(Json.createValue(300));
  }

  @Test
  void aChangeIsStoredTypedAuditedAndEnforcedAtTheNextLogin() throws SQLException {
    Login login =
        new Login(
            db.dataSource(),
            (conn, u, s, code) -> false,
            new TwoFactorRequirement(TwoFactorPolicy.fromConfig(null)),
            10,
            900);
    assertThat(caller(login).twoFactorEnrolmentOnly()).isFalse();

    var after =
        settings.changeTenant(
            acmeAdmin, acme, change(TwoFactorPolicy.TENANT_SETTING, JsonValue.TRUE));

    assertThat(after.orElseThrow()).filteredOn(v -> !v.isDefault()).hasSize(1);
    assertThat(
            sql.string(
                "SELECT value::text FROM tenant_settings WHERE tenant_id = "
                    + acme
                    + " AND key = 'security.require_2fa'"))
        .isEqualTo("true");
    assertThat(
            sql.string(
                "SELECT before::text || ' -> ' || after::text FROM audit_log"
                    + " WHERE action = 'settings.updated' AND tenant_id = "
                    + acme))
        .isEqualTo("{\"security.require_2fa\": false} -> {\"security.require_2fa\": true}");
    assertThat(caller(login).twoFactorEnrolmentOnly()).isTrue();
  }

  @Test
  void nullResetsToTheDefault() {
    settings.changeTenant(
        acmeAdmin, acme, change("checks.default_max_attempts", Json.createValue(5)));

    var after =
        settings.changeTenant(
            acmeAdmin, acme, change("checks.default_max_attempts", JsonValue.NULL));

    assertThat(value(after.orElseThrow(), "checks.default_max_attempts"))
        .isEqualTo(Json.createValue(3));
  }

  @Test
  void wrongTypesRangesAndUnknownKeysAreRefusedBeforeAnythingIsWritten() throws SQLException {
    Map<String, JsonValue> change = new LinkedHashMap<>();
    change.put(TwoFactorPolicy.TENANT_SETTING, JsonValue.TRUE);
    change.put("checks.default_interval_seconds", Json.createValue(5));

    assertThatThrownBy(() -> settings.changeTenant(acmeAdmin, acme, change))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("from 10 to 86400");
    assertThatThrownBy(
            () ->
                settings.changeTenant(
                    acmeAdmin, acme, change("security.require_2fa", Json.createValue("yes"))))
        .isInstanceOf(InvalidSettingException.class);
    assertThatThrownBy(
            () ->
                settings.changeTenant(
                    acmeAdmin, acme, change("retention.audit_log_days", Json.createValue(5))))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("is not a setting");
    assertThat(sql.string("SELECT count(*) FROM tenant_settings")).isEqualTo("0");
  }

  @Test
  void anotherTenantsSettingsAreNotFoundForReadAndWrite() throws SQLException {
    assertThat(settings.tenant(acmeAdmin, globex)).isEmpty();
    assertThat(
            settings.changeTenant(
                acmeAdmin, globex, change(TwoFactorPolicy.TENANT_SETTING, JsonValue.TRUE)))
        .isEmpty();
    assertThat(sql.string("SELECT count(*) FROM tenant_settings")).isEqualTo("0");
    assertThat(settings.tenant(root, globex)).isPresent();
  }

  @Test
  void theReservedInternalTenantHasNoSettings() throws SQLException {
    long internal =
        sql.id(
            "SELECT id FROM tenants WHERE slug = '" + io.vesana.tenancy.ReservedTenant.SLUG + "'");

    assertThat(settings.tenant(root, internal)).isEmpty();
  }

  @Test
  void systemRetentionChangesWhatThePurgeUses() throws SQLException {
    assertThatThrownBy(
            () ->
                settings.changeSystem(
                    root, change("retention.check_results_days", Json.createValue(0))))
        .isInstanceOf(InvalidSettingException.class);

    var after =
        settings.changeSystem(root, change("retention.check_results_days", Json.createValue(7)));

    assertThat(value(after, "retention.check_results_days")).isEqualTo(Json.createValue(7));
    assertThat(
            sql.string(
                "SELECT (value #>> '{}')::bigint FROM system_settings"
                    + " WHERE key = 'retention.check_results_days'"))
        .isEqualTo("7");
    assertThat(
            sql.string("SELECT count(*) FROM audit_log WHERE action = 'system_settings.updated'"))
        .isEqualTo("1");
    assertThatThrownBy(
            () -> settings.changeSystem(acmeAdmin, change("instance.name", Json.createValue("x"))))
        .isInstanceOf(IllegalStateException.class);
  }

  private Caller caller(Login login) throws SQLException {
    var o = login.login("admin@acme.example", "pw-pw-pw-pw".toCharArray(), null, "test");
    return ((Login.Success) o).caller();
  }

  private static Map<String, JsonValue> change(String key, JsonValue value) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put(key, value);
    return m;
  }

  private static JsonValue value(java.util.List<SettingValue> values, String key) {
    return values.stream().filter(v -> v.key().equals(key)).findFirst().orElseThrow().value();
  }
}
