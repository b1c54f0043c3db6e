package io.vesana.secrets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Key rotation's core: rewrites every ciphertext in {@link SecretColumn#ALL} that is not under the
 * current key. Walks each table by primary key in batches (keyset pagination, never the whole table
 * in memory), one transaction per batch; the batch's rows are locked ({@code FOR UPDATE}) so a
 * concurrent change of a secret is neither lost nor overwritten with a stale value. Re-running is
 * safe: rows already under the current key are only read.
 *
 * <p>{@code version} and {@code updated_at} are left alone: the secret's value does not change, and
 * a bumped version would fail the optimistic lock of an edit in progress. Such an edit may write
 * back a ciphertext under the old key; that stays readable while the old key is a previous key, and
 * the next run moves it. Hence: run until a run reports 0, then remove the old key.
 *
 * <p>Any row that cannot be decrypted (unknown key, damaged) stops the run with a message naming
 * the column, row id and key id; batches committed before stay done.
 */
public final class ReEncryption {

  public static final int DEFAULT_BATCH_SIZE = 500;

  private final FieldCipher cipher;
  private final int batchSize;

  public ReEncryption(FieldCipher cipher) {
    this(cipher, DEFAULT_BATCH_SIZE);
  }

  public ReEncryption(FieldCipher cipher, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive");
    }
    this.cipher = cipher;
    this.batchSize = batchSize;
  }

  /** How many non-null ciphertexts of a column were read and how many were rewritten. */
  public record ColumnCount(SecretColumn column, long scanned, long reEncrypted) {}

  /** Every known secret column, in {@link SecretColumn#ALL} order. */
  public List<ColumnCount> reEncryptAll(Connection connection) throws SQLException {
    List<ColumnCount> counts = new ArrayList<>();
    for (SecretColumn column : SecretColumn.ALL) {
      counts.add(reEncrypt(connection, column));
    }
    return counts;
  }

  /**
   * One column. Commits per batch on {@code connection} and restores its auto-commit mode after.
   *
   * @throws FieldKeyConfigException when no current key is configured (before touching a row)
   * @throws FieldEncryptionException when a row cannot be decrypted; its batch is rolled back
   */
  public ColumnCount reEncrypt(Connection connection, SecretColumn column) throws SQLException {
    cipher.keys().current();
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      long after = Long.MIN_VALUE;
      long scanned = 0;
      long changed = 0;
      while (true) {
        Batch batch = inTransaction(connection, column, after);
        scanned += batch.rows();
        changed += batch.changed();
        if (batch.rows() < batchSize) {
          return new ColumnCount(column, scanned, changed);
        }
        after = batch.lastId();
      }
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private record Batch(int rows, int changed, long lastId) {}

  private record Rewrite(long id, byte[] ciphertext) {}

  private Batch inTransaction(Connection connection, SecretColumn column, long after)
      throws SQLException {
    try {
      Batch batch = batch(connection, column, after);
      connection.commit();
      return batch;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private Batch batch(Connection connection, SecretColumn column, long after) throws SQLException {
    String select =
        "SELECT "
            + column.idColumn()
            + ", "
            + column.column()
            + " FROM "
            + column.table()
            + " WHERE "
            + column.idColumn()
            + " > ? AND "
            + column.column()
            + " IS NOT NULL ORDER BY "
            + column.idColumn()
            + " LIMIT ? FOR UPDATE";
    int rows = 0;
    long lastId = after;
    List<Rewrite> rewrites = new ArrayList<>();
    try (PreparedStatement read = connection.prepareStatement(select)) {
      read.setLong(1, after);
      read.setInt(2, batchSize);
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          rows++;
          lastId = rs.getLong(1);
          byte[] stored = rs.getBytes(2);
          if (needsRewrite(column, lastId, stored)) {
            rewrites.add(new Rewrite(lastId, reEncrypted(column, lastId, stored)));
          }
        }
      }
    }
    if (!rewrites.isEmpty()) {
      write(connection, column, rewrites);
    }
    return new Batch(rows, rewrites.size(), lastId);
  }

  private boolean needsRewrite(SecretColumn column, long id, byte[] stored) {
    try {
      return cipher.needsReEncryption(stored);
    } catch (FieldEncryptionException e) {
      throw rowFailure(column, id, e);
    }
  }

  private byte[] reEncrypted(SecretColumn column, long id, byte[] stored) {
    try {
      return cipher.encrypt(cipher.decrypt(stored, column.context()), column.context());
    } catch (FieldEncryptionException e) {
      throw rowFailure(column, id, e);
    }
  }

  private static void write(Connection connection, SecretColumn column, List<Rewrite> rewrites)
      throws SQLException {
    String update =
        "UPDATE "
            + column.table()
            + " SET "
            + column.column()
            + " = ? WHERE "
            + column.idColumn()
            + " = ?";
    try (PreparedStatement write = connection.prepareStatement(update)) {
      for (Rewrite rewrite : rewrites) {
        write.setBytes(1, rewrite.ciphertext());
        write.setLong(2, rewrite.id());
        write.addBatch();
      }
      write.executeBatch();
    }
  }

  private static FieldEncryptionException rowFailure(
      SecretColumn column, long id, FieldEncryptionException cause) {
    return new FieldEncryptionException(
        column.context() + " row id " + id + ": " + cause.getMessage(), cause);
  }
}
