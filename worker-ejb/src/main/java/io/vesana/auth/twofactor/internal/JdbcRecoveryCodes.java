package io.vesana.auth.twofactor.internal;

import io.vesana.auth.twofactor.RecoveryCodes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A user's recovery codes in {@code user_recovery_codes}. Rows carry only user and hash: the
 * table's trigger copies {@code tenant_id} from the user (NULL for a super admin). Runs in the
 * caller's transaction; stateless and thread-safe, but a connection serves one thread at a time.
 */
public final class JdbcRecoveryCodes {

  private static final int SHA256_BYTES = 32;

  /**
   * Replaces all of the user's codes, used or not, by {@code hashes} (an empty list removes them,
   * e.g. when 2FA is turned off). With auto-commit on, delete and insert run in a transaction of
   * their own, so the user never ends up with no codes or with both sets.
   */
  public void replace(Connection c, long userId, List<byte[]> hashes) throws SQLException {
    for (byte[] hash : hashes) {
      if (hash == null || hash.length != SHA256_BYTES) {
        throw new IllegalArgumentException("recovery code hashes are SHA-256, 32 bytes");
      }
    }
    boolean autoCommit = c.getAutoCommit();
    if (autoCommit) {
      c.setAutoCommit(false);
    }
    try {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM user_recovery_codes WHERE user_id = ?")) {
        ps.setLong(1, userId);
        ps.executeUpdate();
      }
      if (!hashes.isEmpty()) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO user_recovery_codes (user_id, code_hash) VALUES (?, ?)")) {
          for (byte[] hash : hashes) {
            ps.setLong(1, userId);
            ps.setBytes(2, hash);
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      if (autoCommit) {
        c.commit();
      }
    } catch (SQLException | RuntimeException e) {
      if (autoCommit) {
        try {
          c.rollback();
        } catch (SQLException rollbackFailed) {
          e.addSuppressed(rollbackFailed);
        }
      }
      throw e;
    } finally {
      if (autoCommit) {
        c.setAutoCommit(true);
      }
    }
  }

  /**
   * Uses up one of the user's unused codes: true if {@code typed} matched one, which is now marked
   * used. A single conditional UPDATE makes it atomic: of two concurrent attempts with the same
   * code, the second waits for the first's row lock, then finds {@code used_at} set and matches
   * nothing. Malformed input is false without touching the database.
   */
  public boolean consume(Connection c, long userId, String typed) throws SQLException {
    Optional<byte[]> hash = RecoveryCodes.hash(typed);
    if (hash.isEmpty()) {
      return false;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE user_recovery_codes SET used_at = now()"
                + " WHERE user_id = ? AND code_hash = ? AND used_at IS NULL RETURNING id")) {
      ps.setLong(1, userId);
      ps.setBytes(2, hash.get());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The user's unused codes, so the UI can warn before they run out. */
  public int remaining(Connection c, long userId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT count(*) FROM user_recovery_codes WHERE user_id = ? AND used_at IS NULL")) {
      ps.setLong(1, userId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
