package io.vesana.api;

import io.vesana.auth.PasswordHashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

/**
 * The API's test world: a fresh database {@link #DATABASE} (system property {@code vesana.it.db},
 * so two checkouts can run their ITs side by side) (the deployed API migrates it), two tenants and
 * their users, and a signing key pair and a field encryption key generated for this run into {@code
 * vesana.it.keys} (arquillian.xml points the container at them: keys are never kept in the
 * repository). The test keeps the key pair, so it can also forge tokens the way an attacker with or
 * without the key would.
 *
 * <p>Every IT class deploys the WAR on a Payara Micro of its own, in one test JVM: {@link
 * #prepare()} therefore runs once per JVM (a second run would drop the database and replace the
 * keys under the other class's feet), and each class seeds tenants and users of its own.
 */
final class ApiFixture {

  static final String DATABASE = System.getProperty("vesana.it.db", "vesana_api_it");
  static final String PASSWORD = "correct horse battery staple";
  static final String ADMIN_A = "admin@acme.example";
  static final String VIEWER_A = "viewer@acme.example";
  static final String OPERATOR_B = "ops@globex.example";
  static final String ADMIN_B = "admin@globex.example";

  /** File name of the field encryption key in {@link #keyDir()}. */
  static final String FIELD_KEY_FILE = "field-encryption-key";

  static KeyPair keys;
  private static boolean prepared;

  private ApiFixture() {}

  static Path keyDir() {
    return Path.of(System.getProperty("vesana.it.keys", "target/it-keys"));
  }

  static synchronized void prepare() throws Exception {
    if (prepared) {
      return;
    }
    prepared = true;
    writeKeys();
    writeFieldKey();
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + DATABASE);
    }
  }

  private static boolean seeded;

  /** Tenants and users, once, after the deployed API has migrated the empty database. */
  static synchronized void seed() throws SQLException {
    if (seeded) {
      return;
    }
    seeded = true;
    long a = tenant("acme");
    long b = tenant("globex");
    user(a, ADMIN_A, "tenant_admin");
    user(a, VIEWER_A, "viewer");
    user(b, OPERATOR_B, "operator");
    user(b, ADMIN_B, "tenant_admin");
  }

  private static void writeKeys() throws IOException, NoSuchAlgorithmException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    keys = g.generateKeyPair();
    Files.createDirectories(keyDir());
    Files.deleteIfExists(keyDir().resolve("first-admin-password"));
    Files.writeString(
        keyDir().resolve("private.pem"),
        pem("PRIVATE KEY", keys.getPrivate().getEncoded()),
        StandardCharsets.US_ASCII);
    Files.writeString(
        keyDir().resolve("public.pem"),
        pem("PUBLIC KEY", keys.getPublic().getEncoded()),
        StandardCharsets.US_ASCII);
  }

  /** Random, for this run only; a file because the command line would show it to everyone. */
  private static void writeFieldKey() throws IOException {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    Path file = keyDir().resolve(FIELD_KEY_FILE);
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(
        file,
        Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "\n",
        StandardCharsets.US_ASCII);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  static long tenant(String slug) throws SQLException {
    return id("INSERT INTO tenants (slug, name) VALUES (?, ?) RETURNING id", slug, slug);
  }

  static long user(long tenant, String email, String role) throws SQLException {
    long id =
        id(
            "INSERT INTO users (tenant_id, email, display_name, password_hash) VALUES (?, ?, ?, ?)"
                + " RETURNING id",
            tenant,
            email,
            email,
            PasswordHashing.hash(PASSWORD.toCharArray()));
    id(
        "INSERT INTO user_roles (tenant_id, user_id, role_name) VALUES (?, ?, ?) RETURNING id",
        tenant,
        id,
        role);
    return id;
  }

  static long id(String sql, Object... args) throws SQLException {
    try (Connection c = connect(DATABASE);
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
  }
}
