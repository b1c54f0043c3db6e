package io.vesana.auth.twofactor;

import io.vesana.auth.Login;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@link TwoFactorPolicy} applied to a stored user: reads {@code users.require_2fa} and the tenant
 * setting {@value TwoFactorPolicy#TENANT_SETTING} in the caller's transaction, with the roles of
 * {@value TwoFactorPolicy#REQUIRED_ROLES_CONFIG} from the configuration.
 *
 * <p>The configuration is read when the application starts: an unknown role name stops the
 * deployment, so a typo cannot leave administrators without the second factor they were meant to
 * need.
 */
@ApplicationScoped
public class TwoFactorRequirement implements Login.SecondFactorRequirement {

  private static final Logger LOG = Logger.getLogger(TwoFactorRequirement.class.getName());

  @Inject
  @ConfigProperty(name = TwoFactorPolicy.REQUIRED_ROLES_CONFIG)
  Optional<String> requiredRoles;

  private TwoFactorPolicy policy;

  public TwoFactorRequirement() {}

  /** For tests outside a container. */
  public TwoFactorRequirement(TwoFactorPolicy policy) {
    this.policy = policy;
  }

  @PostConstruct
  void load() {
    try {
      policy = TwoFactorPolicy.fromConfig(requiredRoles.orElse(null));
    } catch (IllegalArgumentException e) {
      // The container reports only "unable to invoke load()", not the cause: say it here.
      LOG.severe("two-factor policy: " + e.getMessage() + "; the application does not start");
      throw e;
    }
  }

  /** Forces {@link #load()} at deployment instead of at the first login. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // Delivering the event instantiates the bean; nothing else to do.
  }

  @Override
  public boolean appliesTo(Connection c, long userId, Set<String> roles) throws SQLException {
    // users rows are identity data, not tenant rows: the statement names the one user it reads.
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT u.require_2fa,"
                + " (SELECT s.value::text FROM tenant_settings s"
                + " WHERE s.tenant_id = u.tenant_id AND s.key = ?)"
                + " FROM users u WHERE u.id = ?")) {
      ps.setString(1, TwoFactorPolicy.TENANT_SETTING);
      ps.setLong(2, userId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
        return policy.requires(rs.getBoolean(1), rs.getString(2), roles);
      }
    }
  }
}
