package io.vesana.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.auth.Login.Outcome;
import io.vesana.auth.Login.Success;
import io.vesana.auth.twofactor.TwoFactorPolicy;
import io.vesana.auth.twofactor.TwoFactorRequirement;
import io.vesana.testing.Sql;
import io.vesana.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Login against the real schema with the two-factor policy applied: who must enrol gets in with an
 * enrolment-only caller (on login and on refresh), everyone else as before.
 */
class LoginTwoFactorEnforcementIT {

  private static final String PASSWORD = "correct horse battery staple";
  private static final String CODE = "123456";

  private TestDatabase db;
  private Connection c;
  private Sql sql;
  private long acme;
  private Login login;

  @BeforeEach
  void createWorld() throws SQLException {
    db = TestDatabase.createMigrated();
    c = db.dataSource().getConnection();
    sql = new Sql(c);
    acme = sql.id("INSERT INTO tenants (slug, name) VALUES ('acme', 'Acme') RETURNING id");
    // The admin role always needs 2FA; the second factor accepts one fixed code.
    login =
        new Login(
            db.dataSource(),
            (conn, user, secret, code) -> CODE.equals(code),
            new TwoFactorRequirement(TwoFactorPolicy.fromConfig("tenant_admin")),
            10,
            900);
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    c.close();
    db.close();
  }

  @Test
  void noRequirementMeansAFullCaller() throws SQLException {
    user(acme, "viewer@acme.example", "viewer");

    Caller caller = success(login("viewer@acme.example", null)).caller();

    assertThat(caller.twoFactorEnrolmentOnly()).isFalse();
    assertThat(caller.may(Permissions.HOSTS_READ)).isTrue();
  }

  @Test
  void theUsersOwnFlagRestrictsToEnrolment() throws SQLException {
    long id = user(acme, "flagged@acme.example", "viewer");
    sql.exec("UPDATE users SET require_2fa = true WHERE id = " + id);

    Caller caller = success(login("flagged@acme.example", null)).caller();

    assertThat(caller.twoFactorEnrolmentOnly()).isTrue();
    assertThat(caller.permissions()).isEmpty();
  }

  @Test
  void theTenantSettingRestrictsEveryoneOfTheTenantButNotOthers() throws SQLException {
    long globex = sql.id("INSERT INTO tenants (slug, name) VALUES ('globex', 'G') RETURNING id");
    user(acme, "viewer@acme.example", "viewer");
    user(globex, "viewer@globex.example", "viewer");
    sql.exec(
        "INSERT INTO tenant_settings (tenant_id, key, value) VALUES ("
            + acme
            + ", 'security.require_2fa', 'true')");

    assertThat(success(login("viewer@acme.example", null)).caller().twoFactorEnrolmentOnly())
        .isTrue();
    assertThat(success(login("viewer@globex.example", null)).caller().twoFactorEnrolmentOnly())
        .isFalse();
  }

  @Test
  void aConfiguredRoleRestrictsUntilTwoFactorIsOnThenNeedsTheCode() throws SQLException {
    long id = user(acme, "admin@acme.example", "tenant_admin");
    assertThat(success(login("admin@acme.example", null)).caller().twoFactorEnrolmentOnly())
        .isTrue();

    sql.exec(
        "UPDATE users SET totp_enabled = true, totp_secret_ciphertext = '\\x00'::bytea WHERE id = "
            + id);

    assertThat(login("admin@acme.example", null)).isInstanceOf(Login.SecondFactorRequired.class);
    Caller caller = success(login("admin@acme.example", CODE)).caller();
    assertThat(caller.twoFactorEnrolmentOnly()).isFalse();
    assertThat(caller.may(Permissions.USERS_MANAGE)).isTrue();
  }

  @Test
  void refreshKeepsTheRestrictionWhileTwoFactorIsOff() throws SQLException {
    long id = user(acme, "flagged@acme.example", "operator");
    sql.exec("UPDATE users SET require_2fa = true WHERE id = " + id);
    String refresh = success(login("flagged@acme.example", null)).refreshToken().token();

    Success refreshed = login.refresh(refresh, "test").orElseThrow();

    assertThat(refreshed.caller().twoFactorEnrolmentOnly()).isTrue();
  }

  private Outcome login(String email, String code) throws SQLException {
    return login.login(email, PASSWORD.toCharArray(), code, "test");
  }

  private static Success success(Outcome o) {
    assertThat(o).isInstanceOf(Success.class);
    return (Success) o;
  }

  private long user(long tenant, String email, String role) throws SQLException {
    long id =
        sql.id(
            "INSERT INTO users (tenant_id, email, display_name, password_hash) VALUES ("
                + tenant
                + ", '"
                + email
                + "', 'U', '"
                + PasswordHashing.hash(PASSWORD.toCharArray())
                + "') RETURNING id");
    sql.exec(
        "INSERT INTO user_roles (tenant_id, user_id, role_name) VALUES ("
            + tenant
            + ", "
            + id
            + ", '"
            + role
            + "')");
    return id;
  }
}
