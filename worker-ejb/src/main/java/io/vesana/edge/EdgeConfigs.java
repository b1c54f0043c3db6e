package io.vesana.edge;

import io.vesana.checks.CheckKind;
import io.vesana.discovery.PendingScans;
import io.vesana.edge.internal.JdbcCheckCredentials;
import io.vesana.edge.internal.JdbcEdgeChecks;
import io.vesana.schema.VesanaDataSource;
import io.vesana.secrets.FieldCipher;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authenticates agents (agent token) and collectors (collector API key) by SHA-256 hash, as the
 * receiver does, builds the configuration they fetch and records that they were seen.
 *
 * <p>Config: {@code vesana.edge.agent-poll-seconds} (default 300) and {@code
 * vesana.edge.collector-poll-seconds} (default 60), the fetch interval told to each.
 */
@ApplicationScoped
public class EdgeConfigs {

  private static final Pattern IP = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject FieldCipher cipher;

  @Inject
  @ConfigProperty(name = "vesana.edge.agent-poll-seconds", defaultValue = "300")
  int agentPollSeconds;

  @Inject
  @ConfigProperty(name = "vesana.edge.collector-poll-seconds", defaultValue = "60")
  int collectorPollSeconds;

  public EdgeConfigs() {}

  /** Outside a container (integration tests). */
  public EdgeConfigs(DataSource dataSource, FieldCipher cipher, int agentPoll, int collectorPoll) {
    this.dataSource = dataSource;
    this.cipher = cipher;
    this.agentPollSeconds = agentPoll;
    this.collectorPollSeconds = collectorPoll;
  }

  public int pollSeconds(EdgeIdentity.Kind kind) {
    return kind == EdgeIdentity.Kind.AGENT ? agentPollSeconds : collectorPollSeconds;
  }

  private static final String LIVE =
      " AND c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > now())"
          + " AND t.status = 'active'";

  public Optional<EdgeIdentity> agent(String token) {
    return find(
        "SELECT c.tenant_id, c.id, a.id, a.host_id, c.token_hash FROM agent_tokens c"
            + " JOIN tenants t ON t.id = c.tenant_id"
            + " LEFT JOIN agents a ON a.tenant_id = c.tenant_id AND a.token_id = c.id"
            + " WHERE c.token_hash = ?"
            + LIVE,
        token,
        EdgeIdentity.Kind.AGENT);
  }

  /** Only keys issued for collectors, and only while the collector is not disabled. */
  public Optional<EdgeIdentity> collector(String key) {
    return find(
        "SELECT c.tenant_id, c.id, co.id, NULL::bigint, c.key_hash FROM api_keys c"
            + " JOIN tenants t ON t.id = c.tenant_id"
            + " JOIN collectors co ON co.tenant_id = c.tenant_id AND co.api_key_id = c.id"
            + " WHERE c.key_hash = ? AND c.purpose = 'collector' AND co.status <> 'disabled'"
            + LIVE,
        key,
        EdgeIdentity.Kind.COLLECTOR);
  }

  private Optional<EdgeIdentity> find(String sql, String secret, EdgeIdentity.Kind kind) {
    if (secret == null || secret.isBlank() || secret.length() > 200) {
      return Optional.empty();
    }
    byte[] hash = sha256(secret.strip());
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setBytes(1, hash);
      try (ResultSet rs = ps.executeQuery()) {
        // Constant-time compare as in the receiver: a collation surprise never matches.
        if (!rs.next() || !MessageDigest.isEqual(rs.getBytes(5), hash)) {
          return Optional.empty();
        }
        return Optional.of(
            new EdgeIdentity(
                kind,
                rs.getLong(1),
                rs.getLong(2),
                rs.getObject(3, Long.class),
                rs.getObject(4, Long.class)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("edge credential lookup failed", e);
    }
  }

  /** What the agent runs on its host: checks of kinds an agent runs. */
  public EdgeConfig agentConfig(EdgeIdentity agent) {
    if (agent.hostId() == null) {
      throw new EdgeException(
          409, "this agent is not bound to a host yet: enrol it (POST /api/v1/agent/enrol)");
    }
    try (Connection c = dataSource.getConnection()) {
      JsonObjectBuilder b = header(agent).add("host_id", agent.hostId());
      b.add(
          "checks",
          JdbcEdgeChecks.ofHost(
              c,
              agent.tenantId(),
              agent.hostId(),
              CheckKind.Runner.AGENT,
              JdbcEdgeChecks.newUsedSet()));
      return sealed(b.build(), false);
    } catch (SQLException e) {
      throw new IllegalStateException("agent configuration not readable", e);
    }
  }

  /**
   * What the collector runs for its hosts, with the decrypted credentials those checks use, and the
   * scans it is asked to run.
   */
  public EdgeConfig collectorConfig(EdgeIdentity collector) {
    try (Connection c = dataSource.getConnection()) {
      Set<Long> used = JdbcEdgeChecks.newUsedSet();
      JsonObjectBuilder b = header(collector).add("collector_id", collector.componentId());
      b.add(
          "checks",
          JdbcEdgeChecks.ofCollector(c, collector.tenantId(), collector.componentId(), used));
      b.add("credentials", JdbcCheckCredentials.decrypted(c, collector.tenantId(), used, cipher));
      // Scans requested from the API; the ETag changes as requests come and get filled in.
      b.add("scans", PendingScans.of(c, collector.tenantId(), collector.componentId()));
      return sealed(b.build(), !used.isEmpty());
    } catch (SQLException e) {
      throw new IllegalStateException("collector configuration not readable", e);
    }
  }

  private JsonObjectBuilder header(EdgeIdentity id) {
    return Json.createObjectBuilder()
        .add("format", 1)
        .add("poll_interval_s", pollSeconds(id.kind()));
  }

  private static EdgeConfig sealed(JsonObject body, boolean secrets) {
    String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(body.toString()));
    return new EdgeConfig(body, "\"" + hash + "\"", secrets);
  }

  /**
   * Records that the component fetched its configuration: last seen, address, software version,
   * status online, ETag delivered. Rewrites the row at most once a minute unless something reported
   * changed, so a fleet polling often does not turn into a write per poll.
   */
  public void seen(EdgeIdentity id, String address, String softwareVersion, String etag) {
    if (id.componentId() == null) {
      return;
    }
    String table = id.kind() == EdgeIdentity.Kind.AGENT ? "agents" : "collectors";
    String ip = address != null && IP.matcher(address).matches() ? address : null;
    String version =
        softwareVersion == null || softwareVersion.isBlank() || softwareVersion.length() > 64
            ? null
            : softwareVersion.strip();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE "
                    + table
                    + " SET last_seen_at = now(), last_address = ?::inet,"
                    + " software_version = coalesce(?, software_version), config_etag = ?,"
                    + " status = CASE WHEN status = 'disabled' THEN status ELSE 'online' END,"
                    + " updated_at = now()"
                    + " WHERE tenant_id = ? AND id = ? AND (last_seen_at IS NULL"
                    + " OR last_seen_at < now() - interval '1 minute' OR status <> 'online'"
                    + " OR config_etag IS DISTINCT FROM ? OR last_address IS DISTINCT FROM ?::inet"
                    + " OR (?::text IS NOT NULL AND software_version IS DISTINCT FROM ?::text))")) {
      ps.setString(1, ip);
      ps.setString(2, version);
      ps.setString(3, etag);
      ps.setLong(4, id.tenantId());
      ps.setLong(5, id.componentId());
      ps.setString(6, etag);
      ps.setString(7, ip);
      ps.setString(8, version);
      ps.setString(9, version);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("last seen not recorded", e);
    }
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }
}
