package io.vesana.credentials;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.Caller;
import io.vesana.schema.VesanaDataSource;
import io.vesana.tenancy.JdbcTenantScope;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues, lists and revokes agent tokens and API keys, one container transaction per use case, in
 * plain JDBC with the caller's tenants named in every statement (these tables are read by the
 * receiver by hash, outside any tenant scope, so they are not JPA entities). Rows of tenants the
 * caller cannot see behave as absent. Each change is audited; the audit images never hold a secret.
 *
 * <p>Config: {@code vesana.api-keys.prefix} (default {@code vsk_}), the start of every API key.
 */
@ApplicationScoped
@Transactional
public class Credentials {

  public static final String AGENT_TOKEN_PREFIX = "vesana_agent_";
  private static final SecureRandom RANDOM = new SecureRandom();

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject AuditTrail audit;

  @Inject
  @ConfigProperty(name = "vesana.api-keys.prefix", defaultValue = "vsk_")
  String apiKeyPrefix;

  /** A new agent token, linked to {@code hostId} when given (the host must be the tenant's). */
  public IssuedCredential issueAgentToken(
      Caller caller, Long tenantId, String description, Long hostId, Instant expiresAt) {
    long tenant = caller.scope().tenantForNewRow(tenantId);
    byte[] raw = new byte[24]; // 24 bytes = exactly 32 url-safe base64 characters
    RANDOM.nextBytes(raw);
    String token = AGENT_TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    try (Connection c = dataSource.getConnection()) {
      long id;
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO agent_tokens (tenant_id, token_hash, display_prefix, description,"
                  + " created_by_user_id, expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
        ps.setLong(1, tenant);
        ps.setBytes(2, sha256(token));
        ps.setString(3, token.substring(0, 17));
        ps.setString(4, description);
        ps.setLong(5, caller.userId());
        ps.setTimestamp(6, expiresAt == null ? null : Timestamp.from(expiresAt));
        id = single(ps);
      }
      if (hostId != null) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO agents (tenant_id, host_id, token_id) VALUES (?, ?, ?)"
                    + " ON CONFLICT (tenant_id, host_id) DO UPDATE SET token_id = EXCLUDED.token_id,"
                    + " updated_at = now()")) {
          ps.setLong(1, tenant);
          ps.setLong(2, hostId);
          ps.setLong(3, id);
          ps.executeUpdate();
        }
      }
      CredentialView v = agentToken(c, List.of(tenant), id).orElseThrow();
      audit.record(caller, tenant, "agent_token.created", "agent_token", "" + id, null, json(v));
      return new IssuedCredential(v, token);
    } catch (SQLException e) {
      throw CredentialException.of(e);
    }
  }

  /** A new API key for a collector or for automation. */
  public IssuedCredential issueApiKey(
      Caller caller, Long tenantId, String name, String purpose, Instant expiresAt) {
    long tenant = caller.scope().tenantForNewRow(tenantId);
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String key = apiKeyPrefix + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    try (Connection c = dataSource.getConnection()) {
      long id;
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO api_keys (tenant_id, name, purpose, key_hash, prefix,"
                  + " created_by_user_id, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
        ps.setLong(1, tenant);
        ps.setString(2, name);
        ps.setString(3, purpose);
        ps.setBytes(4, sha256(key));
        ps.setString(5, key.substring(0, Math.min(key.length(), apiKeyPrefix.length() + 8)));
        ps.setLong(6, caller.userId());
        ps.setTimestamp(7, expiresAt == null ? null : Timestamp.from(expiresAt));
        id = single(ps);
      }
      CredentialView v = apiKey(c, List.of(tenant), id).orElseThrow();
      audit.record(caller, tenant, "api_key.created", "api_key", "" + id, null, json(v));
      return new IssuedCredential(v, key);
    } catch (SQLException e) {
      throw CredentialException.of(e);
    }
  }

  public List<CredentialView> agentTokens(Caller caller, long afterId, int limit) {
    return list(caller, AGENT_TOKENS + " AND t.id > ? ORDER BY t.id LIMIT ?", afterId, limit);
  }

  public List<CredentialView> apiKeys(Caller caller, long afterId, int limit) {
    return list(caller, API_KEYS + " AND k.id > ? ORDER BY k.id LIMIT ?", afterId, limit);
  }

  /** Revokes at once (the receiver's cache forgets it within seconds); false if not visible. */
  public boolean revokeAgentToken(Caller caller, long id) {
    return revoke(caller, "agent_tokens", "agent_token", id);
  }

  public boolean revokeApiKey(Caller caller, long id) {
    return revoke(caller, "api_keys", "api_key", id);
  }

  private static final String AGENT_TOKENS =
      "SELECT t.id, t.tenant_id, 'agent_token', t.description, NULL, t.display_prefix, a.host_id,"
          + " t.created_at, t.expires_at, t.revoked_at, t.last_used_at"
          + " FROM agent_tokens t LEFT JOIN agents a"
          + " ON a.tenant_id = t.tenant_id AND a.token_id = t.id"
          + " WHERE (? OR t.tenant_id = ANY (?))";

  private static final String API_KEYS =
      "SELECT k.id, k.tenant_id, 'api_key', k.name, k.purpose, k.prefix, NULL,"
          + " k.created_at, k.expires_at, k.revoked_at, k.last_used_at"
          + " FROM api_keys k WHERE (? OR k.tenant_id = ANY (?))";

  private List<CredentialView> list(Caller caller, String sql, long afterId, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      scope(c, ps, caller);
      ps.setLong(3, afterId);
      ps.setInt(4, limit);
      return rows(ps);
    } catch (SQLException e) {
      throw CredentialException.of(e);
    }
  }

  private boolean revoke(Caller caller, String table, String type, long id) {
    try (Connection c = dataSource.getConnection()) {
      Optional<CredentialView> before =
          "agent_tokens".equals(table)
              ? agentToken(c, writable(caller), id)
              : apiKey(c, writable(caller), id);
      if (before.isEmpty()) {
        return false;
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE "
                  + table
                  + " SET revoked_at = coalesce(revoked_at, now()) WHERE tenant_id = ? AND id = ?")) {
        ps.setLong(1, before.get().tenantId());
        ps.setLong(2, id);
        ps.executeUpdate();
      }
      CredentialView after =
          ("agent_tokens".equals(table)
                  ? agentToken(c, List.of(before.get().tenantId()), id)
                  : apiKey(c, List.of(before.get().tenantId()), id))
              .orElseThrow();
      audit.record(
          caller,
          after.tenantId(),
          type + ".revoked",
          type,
          "" + id,
          json(before.get()),
          json(after));
      return true;
    } catch (SQLException e) {
      throw CredentialException.of(e);
    }
  }

  /** Null for a super admin (every tenant), else the tenants the caller may write: their own. */
  private static List<Long> writable(Caller caller) {
    return caller.superAdmin() ? null : List.of(caller.tenantId());
  }

  private static Optional<CredentialView> agentToken(Connection c, List<Long> tenants, long id)
      throws SQLException {
    return one(c, AGENT_TOKENS + " AND t.id = ?", tenants, id);
  }

  private static Optional<CredentialView> apiKey(Connection c, List<Long> tenants, long id)
      throws SQLException {
    return one(c, API_KEYS + " AND k.id = ?", tenants, id);
  }

  private static Optional<CredentialView> one(Connection c, String sql, List<Long> tenants, long id)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      JdbcTenantScope.bind(c, ps, 1, tenants == null, tenants == null ? List.of() : tenants);
      ps.setLong(3, id);
      List<CredentialView> found = rows(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  private static void scope(Connection c, PreparedStatement ps, Caller caller) throws SQLException {
    JdbcTenantScope.bind(c, ps, 1, caller.scope());
  }

  private static List<CredentialView> rows(PreparedStatement ps) throws SQLException {
    List<CredentialView> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long host = rs.getLong(7);
        Long hostId = rs.wasNull() ? null : host;
        out.add(
            new CredentialView(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                hostId,
                instant(rs.getTimestamp(8)),
                instant(rs.getTimestamp(9)),
                instant(rs.getTimestamp(10)),
                instant(rs.getTimestamp(11))));
      }
    }
    return out;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static long single(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }

  /** The audit image: what is listed, never the secret (there is none in a view). */
  static JsonObject json(CredentialView v) {
    var b =
        Json.createObjectBuilder()
            .add("id", v.id())
            .add("tenant_id", v.tenantId())
            .add("kind", v.kind())
            .add("prefix", v.prefix());
    if (v.name() != null) {
      b.add("name", v.name());
    }
    if (v.revokedAt() != null) {
      b.add("revoked_at", v.revokedAt().toString());
    }
    return b.build();
  }
}
