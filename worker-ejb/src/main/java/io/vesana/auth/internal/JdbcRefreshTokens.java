package io.vesana.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh tokens with rotation: each use revokes the presented token and issues its successor in
 * the same family; presenting a token that was already rotated or revoked (a stolen copy being
 * replayed, or the legitimate client after the thief) revokes the whole family, so both must log in
 * again. Only SHA-256 hashes are stored.
 */
public final class JdbcRefreshTokens {

  static final String PREFIX = "vesana_rt_";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A token as handed to the client, once. */
  public record Issued(String token, long id, UUID family) {}

  /** The owner of a token that was just rotated. */
  public record Rotated(long userId, Issued next) {}

  public Issued issue(
      Connection c, long userId, Long tenantId, UUID family, Duration ttl, String client)
      throws SQLException {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO refresh_tokens (tenant_id, user_id, token_hash, family_id, expires_at,"
                + " client) VALUES (?, ?, ?, ?, now() + ? * interval '1 second', ?) RETURNING id")) {
      if (tenantId == null) {
        ps.setNull(1, Types.BIGINT);
      } else {
        ps.setLong(1, tenantId);
      }
      ps.setLong(2, userId);
      ps.setBytes(3, hash(token));
      ps.setObject(4, family);
      ps.setLong(5, ttl.toSeconds());
      ps.setString(6, client);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Issued(token, rs.getLong(1), family);
      }
    }
  }

  /**
   * Rotates {@code token}: empty if it is unknown, expired, or was already used (then its family is
   * revoked). Must run in a transaction; the presented row is locked by the update.
   */
  public Optional<Rotated> rotate(Connection c, String token, Duration ttl, String client)
      throws SQLException {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    byte[] hash = hash(token);
    long id;
    long userId;
    Long tenantId;
    UUID family;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE refresh_tokens SET revoked_at = now()"
                + " WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > now()"
                + " RETURNING id, user_id, tenant_id, family_id")) {
      ps.setBytes(1, hash);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          revokeFamilyOf(c, hash);
          return Optional.empty();
        }
        id = rs.getLong(1);
        userId = rs.getLong(2);
        long t = rs.getLong(3);
        tenantId = rs.wasNull() ? null : t;
        family = rs.getObject(4, UUID.class);
      }
    }
    Issued next = issue(c, userId, tenantId, family, ttl, client);
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE refresh_tokens SET replaced_by = ? WHERE id = ?")) {
      ps.setLong(1, next.id());
      ps.setLong(2, id);
      ps.executeUpdate();
    }
    return Optional.of(new Rotated(userId, next));
  }

  /** Revokes the family of {@code token} (logout); false if the token is unknown. */
  public boolean revokeFamily(Connection c, String token) throws SQLException {
    if (token == null || !token.startsWith(PREFIX)) {
      return false;
    }
    return revokeFamilyOf(c, hash(token)) > 0;
  }

  /** Revokes every live token of a user (password change, disabled account). */
  public int revokeAllOf(Connection c, long userId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL")) {
      ps.setLong(1, userId);
      return ps.executeUpdate();
    }
  }

  private static int revokeFamilyOf(Connection c, byte[] hash) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE refresh_tokens SET revoked_at = coalesce(revoked_at, now())"
                + " WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = ?)")) {
      ps.setBytes(1, hash);
      return ps.executeUpdate();
    }
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
