package io.vesana.secrets;

import static io.vesana.secrets.FieldCipherTest.encode;
import static io.vesana.secrets.FieldCipherTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vesana.testing.Sql;
import io.vesana.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key rotation against the real schema: every secret column, several batches, re-runs. */
class ReEncryptionIT {

  private static final byte[] OLD_KEY = key(10);
  private static final byte[] NEW_KEY = key(11);
  private static final FieldCipher OLD = FieldCipher.of(OLD_KEY);
  private static final FieldCipher ROTATED = FieldCipher.of(NEW_KEY, OLD_KEY);
  private static final FieldCipher NEW_ONLY = FieldCipher.of(NEW_KEY);

  private TestDatabase db;
  private Connection c;
  private Sql sql;
  private long tenant;

  /** Expected plaintext per "context#id". */
  private final Map<String, String> plaintexts = new LinkedHashMap<>();

  @BeforeEach
  void createDatabase() throws SQLException {
    db = TestDatabase.createMigrated();
    c = db.dataSource().getConnection();
    sql = new Sql(c);
    tenant = sql.id("INSERT INTO tenants (slug, name) VALUES ('acme', 'Acme') RETURNING id");
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    c.close();
    db.close();
  }

  @Test
  void everySecretColumnOfTheSchemaIsKnown() throws SQLException {
    Set<String> inCatalog = new HashSet<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT table_name || '.' || column_name FROM information_schema.columns"
                    + " WHERE table_schema = 'public' AND column_name LIKE '%\\_ciphertext'");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        inCatalog.add(rs.getString(1));
      }
    }

    assertThat(inCatalog)
        .containsExactlyInAnyOrderElementsOf(
            SecretColumn.ALL.stream().map(SecretColumn::context).toList());
    for (SecretColumn column : SecretColumn.ALL) {
      assertThat(
              sql.string(
                  "SELECT a.attname FROM pg_index i JOIN pg_attribute a"
                      + " ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                      + " WHERE i.indisprimary AND i.indrelid = '"
                      + column.table()
                      + "'::regclass"))
          .as("primary key of %s", column.table())
          .isEqualTo(column.idColumn());
    }
  }

  @Test
  void movesEveryCiphertextToTheCurrentKeyAndASecondRunChangesNothing() throws SQLException {
    insertRowsInEveryColumn();
    // Already under the new key: read, not rewritten.
    insertCredential("already-new", "fresh", NEW_ONLY);

    List<ReEncryption.ColumnCount> first = new ReEncryption(ROTATED, 3).reEncryptAll(c);

    assertThat(counts(first))
        .containsExactly(
            "users.totp_secret_ciphertext 3/3",
            "credentials.secret_ciphertext 8/7",
            "notification_channels.secret_ciphertext 4/4",
            "mobile_push_tokens.token_ciphertext 2/2");
    assertEveryRowIsUnderTheNewKeyWithItsPlaintext();

    List<ReEncryption.ColumnCount> second = new ReEncryption(ROTATED, 3).reEncryptAll(c);

    assertThat(counts(second))
        .containsExactly(
            "users.totp_secret_ciphertext 3/0",
            "credentials.secret_ciphertext 8/0",
            "notification_channels.secret_ciphertext 4/0",
            "mobile_push_tokens.token_ciphertext 2/0");
    assertEveryRowIsUnderTheNewKeyWithItsPlaintext();
    assertThat(c.getAutoCommit()).isTrue();
  }

  @Test
  void aRowUnderAnUnknownKeyStopsTheRunButKeepsCommittedBatches() throws SQLException {
    for (int i = 0; i < 4; i++) {
      insertCredential("old-" + i, "secret " + i, OLD);
    }
    long stranger = insertCredential("stranger", "other installation", FieldCipher.of(key(99)));
    String strangerKeyId = FieldCipher.of(key(99)).keys().currentKeyId().orElseThrow();

    assertThatThrownBy(
            () -> new ReEncryption(ROTATED, 2).reEncrypt(c, SecretColumn.CREDENTIALS_SECRET))
        .isInstanceOf(FieldEncryptionException.class)
        .hasMessageContaining("credentials.secret_ciphertext row id " + stranger)
        .hasMessageContaining(strangerKeyId)
        .message()
        .doesNotContain("other installation")
        .doesNotContain("secret ");

    // Rows 1-4 came in two full batches before the stranger's batch failed.
    assertThat(sql.string("SELECT count(*) FROM credentials WHERE id < " + stranger))
        .isEqualTo("4");
    try (PreparedStatement s =
        c.prepareStatement("SELECT secret_ciphertext FROM credentials WHERE id < ?")) {
      s.setLong(1, stranger);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          assertThat(ROTATED.needsReEncryption(rs.getBytes(1))).isFalse();
        }
      }
    }
    assertThat(c.getAutoCommit()).isTrue();
  }

  @Test
  void theCommandReportsPerColumnCountsAndRefusesBadInput() throws SQLException {
    insertRowsInEveryColumn();
    Map<String, String> env =
        Map.of(
            "FIELD_ENCRYPTION_KEY", encode(NEW_KEY),
            "FIELD_ENCRYPTION_PREVIOUS_KEYS", encode(OLD_KEY),
            "VESANA_DB_USER", db.user());
    String[] args = {"--db-url", db.url(), "--batch-size=2"};

    Output first = command(args, env);
    Output second = command(args, env);

    assertThat(first.status).as(first.err).isZero();
    assertThat(first.out)
        .contains("users.totp_secret_ciphertext: 3 of 3 re-encrypted")
        .contains("credentials.secret_ciphertext: 7 of 7 re-encrypted")
        .contains("mobile_push_tokens.token_ciphertext: 2 of 2 re-encrypted")
        .contains("done: 16 re-encrypted");
    assertThat(second.status).isZero();
    assertThat(second.out)
        .contains("credentials.secret_ciphertext: 0 of 7 re-encrypted")
        .contains("previous keys can be removed");
    assertEveryRowIsUnderTheNewKeyWithItsPlaintext();

    String badKey = encode(key(5, 31));
    Output bad = command(args, Map.of("FIELD_ENCRYPTION_KEY", badKey));
    assertThat(bad.status).isEqualTo(ReEncryptCommand.USAGE);
    assertThat(bad.err).contains("must decode to 32 bytes").doesNotContain(badKey);
    assertThat(bad.out).doesNotContain(badKey);

    Output noKey = command(args, Map.of());
    assertThat(noKey.status).isEqualTo(ReEncryptCommand.USAGE);
    assertThat(noKey.err).contains("FIELD_ENCRYPTION_KEY is not set");

    Output unreachable =
        command(
            new String[] {"--db-url", "jdbc:postgresql://127.0.0.1:1/vesana?password=hunter22"},
            env);
    assertThat(unreachable.status).isEqualTo(ReEncryptCommand.FAILED);
    assertThat(unreachable.err).contains("cannot connect to").doesNotContain("hunter22");
  }

  private void insertRowsInEveryColumn() throws SQLException {
    long admin =
        insertUser("root@example.org", "TOTPSEEDADMIN234", null, OLD); // super admin: no tenant
    long alice = insertUser("alice@example.org", "TOTPSEEDALICE234", tenant, OLD);
    insertUser("bob@example.org", "TOTPSEEDBOB23456", tenant, OLD);
    // No TOTP: NULL is skipped.
    sql.exec(
        "INSERT INTO users (tenant_id, email, display_name) VALUES ("
            + tenant
            + ", 'carol@example.org', 'Carol')");
    for (int i = 0; i < 7; i++) {
      insertCredential("snmp-" + i, "community-" + i + " ü", OLD);
    }
    for (int i = 0; i < 4; i++) {
      insertChannel("hook-" + i, "signing-key-" + i);
    }
    sql.exec(
        "INSERT INTO notification_channels (tenant_id, name, kind) VALUES ("
            + tenant
            + ", 'no-secret', 'teams')");
    insertPushToken(admin, "fcm-token-admin");
    insertPushToken(alice, "fcm-token-alice");
  }

  private long insertUser(String email, String totpSeed, Long tenantId, FieldCipher cipher)
      throws SQLException {
    SecretColumn column = SecretColumn.USERS_TOTP_SECRET;
    return insert(
        "INSERT INTO users (tenant_id, email, display_name, is_super_admin, totp_enabled,"
            + " totp_secret_ciphertext) VALUES (?, '"
            + email
            + "', 'User', "
            + (tenantId == null)
            + ", true, ?) RETURNING id",
        tenantId,
        column,
        totpSeed,
        cipher);
  }

  private long insertCredential(String name, String secret, FieldCipher cipher)
      throws SQLException {
    return insert(
        "INSERT INTO credentials (tenant_id, name, kind, secret_ciphertext) VALUES (?, '"
            + name
            + "', 'snmp_community', ?) RETURNING id",
        tenant,
        SecretColumn.CREDENTIALS_SECRET,
        secret,
        cipher);
  }

  private void insertChannel(String name, String secret) throws SQLException {
    insert(
        "INSERT INTO notification_channels (tenant_id, name, kind, secret_ciphertext)"
            + " VALUES (?, '"
            + name
            + "', 'webhook', ?) RETURNING id",
        tenant,
        SecretColumn.NOTIFICATION_CHANNELS_SECRET,
        secret,
        OLD);
  }

  private void insertPushToken(long userId, String token) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO mobile_push_tokens (user_id, platform, token_hash, token_ciphertext)"
                + " VALUES (?, 'android', ?, ?) RETURNING id")) {
      s.setLong(1, userId);
      s.setBytes(2, sha256(token));
      s.setBytes(3, OLD.encrypt(token, SecretColumn.MOBILE_PUSH_TOKENS_TOKEN.context()));
      remember(SecretColumn.MOBILE_PUSH_TOKENS_TOKEN, returnedId(s), token);
    }
  }

  /** Runs an insert with parameters (tenant id, ciphertext) and remembers the plaintext. */
  private long insert(
      String statement, Long tenantId, SecretColumn column, String plaintext, FieldCipher cipher)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(statement)) {
      s.setObject(1, tenantId);
      s.setBytes(2, cipher.encrypt(plaintext, column.context()));
      long id = returnedId(s);
      remember(column, id, plaintext);
      return id;
    }
  }

  private static long returnedId(PreparedStatement s) throws SQLException {
    try (ResultSet rs = s.executeQuery()) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }

  private void remember(SecretColumn column, long id, String plaintext) {
    plaintexts.put(column.context() + "#" + id, plaintext);
  }

  private void assertEveryRowIsUnderTheNewKeyWithItsPlaintext() throws SQLException {
    String newId = NEW_ONLY.keys().currentKeyId().orElseThrow();
    Map<String, String> found = new LinkedHashMap<>();
    for (SecretColumn column : SecretColumn.ALL) {
      try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, "
                      + column.column()
                      + " FROM "
                      + column.table()
                      + " WHERE "
                      + column.column()
                      + " IS NOT NULL");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          byte[] ciphertext = rs.getBytes(2);
          assertThat(FieldCipher.keyIdOf(ciphertext)).isEqualTo(newId);
          // Decrypts without the old key: nothing depends on it any more.
          found.put(
              column.context() + "#" + rs.getLong(1),
              NEW_ONLY.decrypt(ciphertext, column.context()));
        }
      }
    }
    assertThat(found).containsExactlyInAnyOrderEntriesOf(plaintexts);
  }

  private static List<String> counts(List<ReEncryption.ColumnCount> counts) {
    List<String> out = new ArrayList<>();
    for (ReEncryption.ColumnCount count : counts) {
      out.add(count.column().context() + " " + count.scanned() + "/" + count.reEncrypted());
    }
    return out;
  }

  private record Output(int status, String out, String err) {}

  private static Output command(String[] args, Map<String, String> env) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = ReEncryptCommand.run(args, env, o, e);
    }
    return new Output(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
