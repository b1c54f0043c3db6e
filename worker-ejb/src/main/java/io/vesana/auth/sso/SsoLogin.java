package io.vesana.auth.sso;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.Caller;
import io.vesana.auth.internal.JdbcAccounts;
import io.vesana.auth.internal.JdbcAccounts.Account;
import io.vesana.auth.internal.JdbcRefreshTokens;
import io.vesana.auth.sso.internal.NimbusTokenVerifier;
import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SSO token exchange: an external issuer's token in, a Vesana caller and refresh token out, in
 * one database transaction ({@link SsoMapping} decides who the user is).
 *
 * <p>SSO users get full access without Vesana's own second factor: multi-factor authentication is
 * the issuer's to enforce for them. The configuration is read when the application starts; a broken
 * one stops the deployment (like the two-factor policy), so SSO is never silently open or off.
 */
@ApplicationScoped
public class SsoLogin {

  private static final Logger LOG = Logger.getLogger(SsoLogin.class.getName());

  /** What an exchange came to. */
  public sealed interface Outcome {}

  /** Exchanged: the caller and their new refresh token. */
  public record Success(Caller caller, JdbcRefreshTokens.Issued refreshToken) implements Outcome {}

  /** SSO is not configured on this installation. */
  public record NotConfigured() implements Outcome {}

  /** The token is not acceptable, or the issuer's keys are unavailable ({@code unavailable}). */
  public record Rejected(String reason, boolean unavailable) implements Outcome {}

  /**
   * A valid token whose user may not log in here; {@code code} names why (for the problem type).
   */
  public record Refused(String code, String detail) implements Outcome {}

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject AuditTrail audit;

  @Inject
  @ConfigProperty(name = "vesana.auth.refresh-token-days", defaultValue = "30")
  long refreshTokenDays;

  private Optional<SsoConfig> config;
  private NimbusTokenVerifier verifier;
  private final JdbcAccounts accounts = new JdbcAccounts();
  private final JdbcRefreshTokens refreshTokens = new JdbcRefreshTokens();

  public SsoLogin() {}

  /** For tests outside a container. */
  public SsoLogin(DataSource dataSource, AuditTrail audit, Optional<SsoConfig> config) {
    this.dataSource = dataSource;
    this.audit = audit;
    this.refreshTokenDays = 30;
    use(config);
  }

  @PostConstruct
  void load() {
    use(configured());
  }

  /**
   * The {@code vesana.sso.*} configuration, empty when SSO is off.
   *
   * @throws IllegalArgumentException when it is set but wrong (logged: the container reports only
   *     that a callback failed, not why)
   */
  static Optional<SsoConfig> configured() {
    Config c = ConfigProvider.getConfig();
    try {
      return SsoConfig.from(k -> c.getOptionalValue("vesana.sso." + k, String.class));
    } catch (IllegalArgumentException e) {
      LOG.severe("SSO configuration: " + e.getMessage() + "; the application does not start");
      throw e;
    }
  }

  private void use(Optional<SsoConfig> config) {
    this.config = config;
    this.verifier = config.map(NimbusTokenVerifier::new).orElse(null);
  }

  public Outcome exchange(String token, String client) throws SQLException {
    if (config.isEmpty()) {
      return new NotConfigured();
    }
    ExternalIdentity id;
    try {
      id = verifier.verify(token);
    } catch (SsoTokenException e) {
      // The reason only: never the token, which is a credential.
      LOG.log(Level.FINE, "SSO token rejected: {0}", e.getMessage());
      return new Rejected(e.getMessage(), e.unavailable());
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Outcome o = exchange(c, id, client);
        if (o instanceof Success) {
          c.commit();
        } else {
          c.rollback();
        }
        return o;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private Outcome exchange(Connection c, ExternalIdentity id, String client) throws SQLException {
    SsoMapping.Result mapped = new SsoMapping(config.get(), audit).apply(c, id);
    if (mapped instanceof SsoMapping.Denied d) {
      return new Refused(d.code(), d.detail());
    }
    long userId = ((SsoMapping.Mapped) mapped).userId();
    Optional<Account> a = accounts.byId(c, userId);
    if (a.isEmpty() || !a.get().active()) {
      return new Refused("sso-account-disabled", "This account or its tenant is disabled.");
    }
    accounts.succeeded(c, userId);
    Caller caller = accounts.caller(c, a.get());
    var issued =
        refreshTokens.issue(
            c,
            userId,
            a.get().tenantId(),
            UUID.randomUUID(),
            Duration.ofDays(refreshTokenDays),
            client);
    return new Success(caller, issued);
  }
}
