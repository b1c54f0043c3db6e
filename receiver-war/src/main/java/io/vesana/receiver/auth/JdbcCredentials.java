package io.vesana.receiver.auth;

import io.vesana.receiver.health.ReceiverDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Looks credentials up by hash in {@code agent_tokens} / {@code api_keys}: not revoked, not
 * expired, tenant active. Read only: {@code last_used_at} is not touched, because the receiver
 * never writes to the database (a busy receiver must not turn every request into a write).
 */
@ApplicationScoped
class JdbcCredentials {

  private static final String AGENT_TOKEN =
      "SELECT c.id, c.tenant_id, c.token_hash, 'agent' AS purpose, c.expires_at"
          + " FROM agent_tokens c JOIN tenants t ON t.id = c.tenant_id"
          + " WHERE c.token_hash = ? AND c.revoked_at IS NULL"
          + " AND (c.expires_at IS NULL OR c.expires_at > now()) AND t.status = 'active'";
  private static final String API_KEY =
      "SELECT c.id, c.tenant_id, c.key_hash, c.purpose, c.expires_at"
          + " FROM api_keys c JOIN tenants t ON t.id = c.tenant_id"
          + " WHERE c.key_hash = ? AND c.revoked_at IS NULL"
          + " AND (c.expires_at IS NULL OR c.expires_at > now()) AND t.status = 'active'";
  private static final int QUERY_TIMEOUT_S = 2;

  @Resource(lookup = ReceiverDataSource.JNDI_NAME)
  DataSource dataSource;

  Optional<Found> find(PresentedCredential credential) {
    boolean agent = credential.type() == PresentedCredential.Type.AGENT_TOKEN;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(agent ? AGENT_TOKEN : API_KEY)) {
      s.setQueryTimeout(QUERY_TIMEOUT_S);
      s.setBytes(1, credential.sha256());
      try (ResultSet r = s.executeQuery()) {
        // The index compare in PostgreSQL is not constant-time; comparing hashes (which a
        // prober cannot steer) makes that harmless. The second, constant-time compare guards
        // against a collation or cast surprise ever matching a different row.
        if (!r.next() || !MessageDigest.isEqual(r.getBytes(3), credential.sha256())) {
          return Optional.empty();
        }
        java.sql.Timestamp expires = r.getTimestamp(5);
        return Optional.of(
            new Found(
                new Sender(r.getLong(2), kind(r.getString(4)), r.getLong(1)),
                expires == null ? Long.MAX_VALUE : expires.getTime()));
      }
    } catch (SQLException e) {
      throw new CredentialStoreUnavailableException(e);
    }
  }

  /** Every tenant's cache generation (V12), for {@link TenantGenerations}. */
  Map<Long, Long> generations() {
    Map<Long, Long> out = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT id, cache_generation FROM tenants")) {
      s.setQueryTimeout(QUERY_TIMEOUT_S);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getLong(1), r.getLong(2));
        }
      }
    } catch (SQLException e) {
      throw new CredentialStoreUnavailableException(e);
    }
    return out;
  }

  private static Sender.Kind kind(String purpose) {
    return switch (purpose) {
      case "agent" -> Sender.Kind.AGENT;
      case "collector" -> Sender.Kind.COLLECTOR;
      default -> Sender.Kind.AUTOMATION;
    };
  }
}
