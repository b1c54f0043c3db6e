package io.vesana.secrets;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Command line for key rotation: re-encrypts every secret column under the current key and prints
 * per-column counts. Keys come from the environment only ({@code FIELD_ENCRYPTION_KEY} or the file
 * named by {@code FIELD_ENCRYPTION_KEY_FILE}, {@code FIELD_ENCRYPTION_PREVIOUS_KEYS}, or their
 * {@code VESANA_SECRETS_*} names), never from arguments, which other users can read from the
 * process list. See {@code docs/secrets.md}.
 *
 * <p>Exit status: 0 done, 1 database or decryption failure, 2 bad arguments or key configuration.
 */
@SuppressForbidden
public final class ReEncryptCommand {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  static final String HELP =
      """
      usage: java -cp <vesana-worker.jar>:<postgresql.jar> io.vesana.secrets.ReEncryptCommand \\
                 [--db-url URL] [--db-user USER] [--db-password PASSWORD] [--batch-size N]
        --db-url       JDBC URL (default: $VESANA_DB_URL)
        --db-user      database user (default: $VESANA_DB_USER)
        --db-password  database password (default: $VESANA_DB_PASSWORD; prefer the variable)
        --batch-size   rows per transaction (default 500)
      keys: FIELD_ENCRYPTION_KEY (current; or FIELD_ENCRYPTION_KEY_FILE, a file holding it) and
            FIELD_ENCRYPTION_PREVIOUS_KEYS (comma-separated)""";

  private ReEncryptCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    ReEncryptOptions options;
    try {
      options = ReEncryptOptions.parse(args, env);
    } catch (IllegalArgumentException e) {
      err.println("re-encrypt: " + e.getMessage());
      err.println(HELP);
      return USAGE;
    }
    if (options.help()) {
      out.println(HELP);
      return OK;
    }
    FieldCipher cipher;
    try {
      FieldKeys keys = FieldKeys.load(name -> fromEnvironment(env, name));
      if (!keys.isConfigured()) {
        throw FieldKeys.notSet();
      }
      cipher = new FieldCipher(keys);
    } catch (FieldKeyConfigException e) {
      err.println("re-encrypt: " + e.getMessage());
      return USAGE;
    }
    out.println(
        "current key id "
            + cipher.keys().currentKeyId().orElseThrow()
            + ", previous key ids "
            + cipher.keys().previousKeyIds());
    String where = options.redactedUrl();
    Connection connection;
    try {
      DriverManager.setLoginTimeout(15);
      connection = DriverManager.getConnection(options.url(), options.user(), options.password());
    } catch (SQLException e) {
      err.println("re-encrypt: cannot connect to " + where + ": " + options.redact(e.getMessage()));
      return FAILED;
    }
    try (connection) {
      return reEncrypt(connection, new ReEncryption(cipher, options.batchSize()), out, err);
    } catch (SQLException e) {
      err.println("re-encrypt: database error on " + where + ": " + options.redact(e.getMessage()));
      return FAILED;
    }
  }

  private static int reEncrypt(
      Connection connection, ReEncryption reEncryption, PrintStream out, PrintStream err)
      throws SQLException {
    long total = 0;
    for (SecretColumn column : SecretColumn.ALL) {
      ReEncryption.ColumnCount count;
      try {
        count = reEncryption.reEncrypt(connection, column);
      } catch (FieldEncryptionException e) {
        err.println("re-encrypt: stopped: " + e.getMessage());
        return FAILED;
      }
      out.println(
          column.context()
              + ": "
              + count.reEncrypted()
              + " of "
              + count.scanned()
              + " re-encrypted");
      total += count.reEncrypted();
    }
    out.println(
        total == 0
            ? "done: every ciphertext uses the current key; previous keys can be removed"
            : "done: " + total + " re-encrypted; run again and remove old keys once it reports 0");
    return OK;
  }

  /**
   * The environment as MicroProfile Config would see it: the exact name, else upper case with every
   * character other than a letter, digit or underscore turned into an underscore.
   */
  static Optional<String> fromEnvironment(Map<String, String> env, String name) {
    String exact = env.get(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    return Optional.ofNullable(
        env.get(name.replaceAll("[^A-Za-z0-9_]", "_").toUpperCase(Locale.ROOT)));
  }
}
