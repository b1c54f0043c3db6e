package io.vesana.auth.twofactor;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.Caller;
import io.vesana.auth.internal.JdbcAccounts;
import io.vesana.auth.internal.JdbcRefreshTokens;
import io.vesana.auth.twofactor.TwoFactorChangeRefusedException.Reason;
import io.vesana.auth.twofactor.internal.JdbcRecoveryCodes;
import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A user setting up and removing their own second factor: start (a new secret, stored encrypted,
 * not yet in force), confirm (a valid code turns it on and yields recovery codes), disable (a valid
 * code or recovery code turns it off). One container transaction per step, with its audit record;
 * the user's row is locked first, so concurrent steps of one user run one after the other.
 *
 * <p>Plain JDBC: users rows are identity data, not tenant rows, and every statement names the one
 * user it touches. Audit images hold flags and counts only, never a secret or a code.
 */
@ApplicationScoped
@Transactional(rollbackOn = SQLException.class)
public class TwoFactorEnrolment {

  /** The issuer authenticator apps list the account under. */
  public static final String ISSUER = "Vesana";

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject TotpSecondFactor secondFactor;
  @Inject TwoFactorRequirement requirement;
  @Inject AuditTrail audit;

  private final Totp totp = new Totp();
  private final JdbcAccounts accounts = new JdbcAccounts();
  private final JdbcRecoveryCodes recoveryCodes = new JdbcRecoveryCodes();
  private final JdbcRefreshTokens refreshTokens = new JdbcRefreshTokens();

  /**
   * Starts (or restarts) enrolment with a fresh secret; the previous pending one, if any, stops
   * working. Two-factor stays off until {@link #confirm}.
   *
   * @return the secret and Key URI, to show the user this once
   */
  public TotpEnrolment start(Caller caller) throws SQLException {
    long userId = caller.userId();
    TotpEnrolment enrolment;
    try (Connection c = dataSource.getConnection()) {
      UserRow user = lock(c, userId);
      if (user.enabled()) {
        throw new TwoFactorChangeRefusedException(Reason.ALREADY_ENABLED);
      }
      enrolment = totp.newEnrolment(accountName(user.email()), ISSUER);
      try (PreparedStatement ps =
          c.prepareStatement(
              // A new secret starts with no used time step: the old steps were of another secret.
              "UPDATE users SET totp_secret_ciphertext = ?, totp_last_step = NULL,"
                  + " updated_at = now() WHERE id = ? AND NOT totp_enabled")) {
        ps.setBytes(1, secondFactor.seal(enrolment.secret()));
        ps.setLong(2, userId);
        ps.executeUpdate();
      }
      // Leftovers of an earlier enrolment must not log in alongside the new secret.
      recoveryCodes.replace(c, userId, List.of());
    }
    record(
        caller,
        "user.two_factor.enrolment_started",
        state(false, b -> {}),
        state(false, b -> b.add("enrolment_pending", true)));
    return enrolment;
  }

  /**
   * Turns two-factor on when {@code code} is a valid TOTP code of the pending secret. Revokes the
   * user's refresh tokens: sessions opened without the second factor end, and a user who was
   * allowed in only to enrol gets full access by logging in with it.
   *
   * @return new recovery codes, to show the user this once
   */
  public List<String> confirm(Caller caller, String code) throws SQLException {
    long userId = caller.userId();
    RecoveryCodeSet codes;
    try (Connection c = dataSource.getConnection()) {
      UserRow user = lock(c, userId);
      if (user.enabled()) {
        throw new TwoFactorChangeRefusedException(Reason.ALREADY_ENABLED);
      }
      if (user.secretCiphertext() == null) {
        throw new TwoFactorChangeRefusedException(Reason.NOT_STARTED);
      }
      // Replay-guarded like a login: the confirming code cannot then be used to log in.
      if (!secondFactor.verifyTotp(c, userId, user.secretCiphertext(), code)) {
        throw new TwoFactorChangeRefusedException(Reason.WRONG_CODE);
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE users SET totp_enabled = true, updated_at = now() WHERE id = ?")) {
        ps.setLong(1, userId);
        ps.executeUpdate();
      }
      codes = RecoveryCodes.generate();
      recoveryCodes.replace(c, userId, codes.hashes());
      refreshTokens.revokeAllOf(c, userId);
    }
    int count = codes.codes().size();
    record(
        caller,
        "user.two_factor.enabled",
        state(false, b -> {}),
        state(true, b -> b.add("recovery_codes", count)));
    return codes.codes();
  }

  /**
   * Turns two-factor off when {@code code} is a valid TOTP code or an unused recovery code, unless
   * the policy requires it of the user. Clears the secret and deletes the recovery codes.
   */
  public void disable(Caller caller, String code) throws SQLException {
    long userId = caller.userId();
    try (Connection c = dataSource.getConnection()) {
      UserRow user = lock(c, userId);
      if (!user.enabled()) {
        throw new TwoFactorChangeRefusedException(Reason.NOT_ENABLED);
      }
      // Roles as stored now, not as the token says: a role granted since must count.
      JdbcAccounts.Account account =
          accounts
              .byId(c, userId)
              .orElseThrow(() -> new TwoFactorChangeRefusedException(Reason.NO_ACCOUNT));
      if (requirement.appliesTo(c, userId, accounts.caller(c, account).roles())) {
        throw new TwoFactorChangeRefusedException(Reason.REQUIRED_BY_POLICY);
      }
      if (code == null || !secondFactor.verify(c, userId, user.secretCiphertext(), code)) {
        throw new TwoFactorChangeRefusedException(Reason.WRONG_CODE);
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE users SET totp_enabled = false, totp_secret_ciphertext = NULL,"
                  + " totp_last_step = NULL, updated_at = now() WHERE id = ?")) {
        ps.setLong(1, userId);
        ps.executeUpdate();
      }
      recoveryCodes.replace(c, userId, List.of());
    }
    record(caller, "user.two_factor.disabled", state(true, b -> {}), state(false, b -> {}));
  }

  /** What enrolment needs of the user's row. */
  private record UserRow(String email, boolean enabled, byte[] secretCiphertext) {}

  /** The caller's own row, locked; only an active user of an active tenant (or super admin). */
  private static UserRow lock(Connection c, long userId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT u.email, u.totp_enabled, u.totp_secret_ciphertext FROM users u"
                + " WHERE u.id = ? AND u.status = 'active' AND (u.tenant_id IS NULL OR EXISTS"
                + " (SELECT 1 FROM tenants t WHERE t.id = u.tenant_id AND t.status = 'active'))"
                + " FOR UPDATE OF u")) {
      ps.setLong(1, userId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new TwoFactorChangeRefusedException(Reason.NO_ACCOUNT);
        }
        return new UserRow(rs.getString(1), rs.getBoolean(2), rs.getBytes(3));
      }
    }
  }

  /**
   * The account name apps list: the e-mail. The Key URI label cannot hold ':' (apps split the label
   * there), which an e-mail address may contain; the name is only a display label.
   */
  static String accountName(String email) {
    return email.replace(':', '_');
  }

  /** An audit image: whether two-factor is on, plus {@code more}; never a secret or a code. */
  private static JsonObject state(boolean enabled, Consumer<JsonObjectBuilder> more) {
    JsonObjectBuilder b = Json.createObjectBuilder().add("totp_enabled", enabled);
    more.accept(b);
    return b.build();
  }

  private void record(Caller caller, String action, JsonObject before, JsonObject after) {
    audit.record(
        caller, caller.tenantId(), action, "user", Long.toString(caller.userId()), before, after);
  }
}
