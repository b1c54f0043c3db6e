package io.vesana.auth;

import io.vesana.auth.internal.JdbcAccounts;
import io.vesana.auth.internal.JdbcAccounts.Account;
import io.vesana.auth.internal.JdbcRefreshTokens;
import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Password login, refresh-token rotation and logout. Each use case is one database transaction.
 *
 * <p>An unknown e-mail costs the same password-hash computation as a wrong password, and both get
 * the same answer, so responses do not tell which accounts exist. After {@code
 * vesana.auth.max-failed-logins} (default 10) consecutive wrong passwords the account is locked for
 * {@code vesana.auth.lockout-seconds} (default 900); the per-IP rate limit is the API's.
 */
@ApplicationScoped
public class Login {

  /** What a login attempt came to. */
  public sealed interface Outcome {}

  /** Logged in: the caller and their new refresh token (shown to the client once). */
  public record Success(Caller caller, JdbcRefreshTokens.Issued refreshToken) implements Outcome {}

  /** Wrong e-mail or password, disabled account: one answer for all of them. */
  public record Denied() implements Outcome {}

  /** Too many wrong passwords; retry after {@code until}. */
  public record Locked(Instant until) implements Outcome {}

  /** Password right, but the account has two-factor enabled and no valid code was given. */
  public record SecondFactorRequired() implements Outcome {}

  /**
   * Verifies a second-factor code (TOTP or recovery code) of an account with two-factor on, inside
   * the login transaction (it may record the code as used).
   */
  public interface SecondFactor {
    boolean verify(Connection c, long userId, byte[] secretCiphertext, String code)
        throws SQLException;
  }

  /**
   * Whether the policy requires a second factor of a user, read inside the login transaction. A
   * user it applies to who has not set one up gets an access token that only allows enrolling
   * ({@link Caller#onlyTwoFactorEnrolment}).
   */
  public interface SecondFactorRequirement {
    boolean appliesTo(Connection c, long userId, Set<String> roles) throws SQLException;
  }

  // A PBKDF2 hash of a random password, verified when the e-mail is unknown (equal timing).
  private static final String DUMMY_HASH =
      PasswordHashing.hash(PasswordHashing.randomPassword(16).toCharArray());

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject SecondFactor secondFactor;
  @Inject SecondFactorRequirement secondFactorRequirement;

  @Inject
  @ConfigProperty(name = "vesana.auth.max-failed-logins", defaultValue = "10")
  int maxFailedLogins;

  @Inject
  @ConfigProperty(name = "vesana.auth.lockout-seconds", defaultValue = "900")
  long lockoutSeconds;

  @Inject
  @ConfigProperty(name = "vesana.auth.refresh-token-days", defaultValue = "30")
  long refreshTokenDays;

  private final JdbcAccounts accounts = new JdbcAccounts();
  private final JdbcRefreshTokens refreshTokens = new JdbcRefreshTokens();

  public Login() {}

  /** For tests outside a container; no user is required to use a second factor. */
  public Login(
      DataSource dataSource, SecondFactor secondFactor, int maxFailedLogins, long lockoutSeconds) {
    this(dataSource, secondFactor, (c, u, r) -> false, maxFailedLogins, lockoutSeconds);
  }

  /** For tests outside a container. */
  public Login(
      DataSource dataSource,
      SecondFactor secondFactor,
      SecondFactorRequirement secondFactorRequirement,
      int maxFailedLogins,
      long lockoutSeconds) {
    this.dataSource = dataSource;
    this.secondFactor = secondFactor;
    this.secondFactorRequirement = secondFactorRequirement;
    this.maxFailedLogins = maxFailedLogins;
    this.lockoutSeconds = lockoutSeconds;
    this.refreshTokenDays = 30;
  }

  public Outcome login(String email, char[] password, String secondFactorCode, String client)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Outcome o = login(c, email, password, secondFactorCode, client);
        c.commit();
        return o;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private Outcome login(Connection c, String email, char[] password, String code, String client)
      throws SQLException {
    Optional<Account> found = email == null ? Optional.empty() : accounts.byEmail(c, email);
    if (found.isEmpty() || found.get().passwordHash() == null) {
      PasswordHashing.verify(password, DUMMY_HASH);
      return new Denied();
    }
    Account a = found.get();
    if (a.lockedUntil() != null && a.lockedUntil().isAfter(Instant.now())) {
      return new Locked(a.lockedUntil());
    }
    if (!PasswordHashing.verify(password, a.passwordHash()) || !a.active()) {
      accounts.failed(c, a.id(), maxFailedLogins, Duration.ofSeconds(lockoutSeconds));
      return new Denied();
    }
    if (a.totpEnabled()) {
      if (code == null || code.isBlank()) {
        return new SecondFactorRequired();
      }
      if (!secondFactor.verify(c, a.id(), a.totpSecretCiphertext(), code)) {
        accounts.failed(c, a.id(), maxFailedLogins, Duration.ofSeconds(lockoutSeconds));
        return new Denied();
      }
    }
    accounts.succeeded(c, a.id());
    Caller caller = callerOf(c, a);
    var issued =
        refreshTokens.issue(c, a.id(), a.tenantId(), UUID.randomUUID(), refreshTtl(), client);
    return new Success(caller, issued);
  }

  /**
   * Rotates a refresh token; empty when it is invalid, reused, or its user may no longer log in.
   */
  public Optional<Success> refresh(String token, String client) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Optional<Success> out = Optional.empty();
        var rotated = refreshTokens.rotate(c, token, refreshTtl(), client);
        if (rotated.isPresent()) {
          Optional<Account> a = accounts.byId(c, rotated.get().userId());
          if (a.isPresent() && a.get().active()) {
            out = Optional.of(new Success(callerOf(c, a.get()), rotated.get().next()));
          } else {
            refreshTokens.revokeAllOf(c, rotated.get().userId());
          }
        }
        c.commit();
        return out;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * The caller an account logs in (or refreshes) as. Someone who must use a second factor but has
   * none gets in only to set it up, so that an administrator can require it of existing users
   * without locking them out. The refresh path applies the same rule, so a token refreshed before
   * enrolment stays restricted; enrolment revokes the user's refresh tokens, so the first full
   * access after it comes from a login with the second factor.
   */
  private Caller callerOf(Connection c, Account a) throws SQLException {
    Caller caller = accounts.caller(c, a);
    if (!a.totpEnabled() && secondFactorRequirement.appliesTo(c, a.id(), caller.roles())) {
      return caller.onlyTwoFactorEnrolment();
    }
    return caller;
  }

  /** Revokes the refresh token's whole family; true if there was one. */
  public boolean logout(String token) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return refreshTokens.revokeFamily(c, token);
    }
  }

  private Duration refreshTtl() {
    return Duration.ofDays(refreshTokenDays);
  }
}
