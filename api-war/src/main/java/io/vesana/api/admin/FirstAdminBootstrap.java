package io.vesana.api.admin;

import io.vesana.auth.PasswordHashing;
import io.vesana.schema.SchemaMigration;
import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the first super admin when the database has no super admin yet, with a generated password
 * that is written once to a file readable only by the service user ({@code
 * vesana.bootstrap.admin-password-file}, default {@code ./first-admin-password}), never to a log.
 * The launcher prints that file once and deletes it. Several API instances starting together create
 * one admin only: the insert takes a transaction-scoped advisory lock and re-checks.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class FirstAdminBootstrap {

  private static final Logger LOG = Logger.getLogger(FirstAdminBootstrap.class.getName());
  private static final long LOCK_KEY = 0x7665_7361_6e61_0001L;

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject SchemaMigration schema;

  @Inject
  @ConfigProperty(name = "vesana.bootstrap.admin-email", defaultValue = "admin@vesana.local")
  String email;

  @Inject
  @ConfigProperty(
      name = "vesana.bootstrap.admin-password-file",
      defaultValue = "first-admin-password")
  String passwordFile;

  @PostConstruct
  void bootstrap() {
    if (!schema.ensureMigrated()) {
      LOG.warning("schema not ready; the first admin is created on the next start");
      return;
    }
    String password = PasswordHashing.randomPassword(18);
    try {
      if (createIfNoSuperAdmin(password)) {
        LOG.info(
            () -> "first super admin " + email + " created; password written to " + passwordFile);
      }
    } catch (SQLException | IOException e) {
      LOG.log(Level.SEVERE, "first super admin not created", e);
    }
  }

  /**
   * Inserts the admin and writes the password file inside one transaction: the file is written
   * before the commit and removed if the commit fails, so there is never an admin whose password
   * nobody has.
   */
  private boolean createIfNoSuperAdmin(String password) throws SQLException, IOException {
    String hash = PasswordHashing.hash(password.toCharArray());
    Path file = Path.of(passwordFile);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, LOCK_KEY);
        lock.execute();
      }
      try (PreparedStatement exists =
              c.prepareStatement("SELECT 1 FROM users WHERE is_super_admin LIMIT 1");
          ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          c.rollback();
          return false;
        }
      }
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO users (tenant_id, email, display_name, password_hash, is_super_admin)"
                  + " VALUES (NULL, ?, 'Administrator', ?, true)")) {
        insert.setString(1, email);
        insert.setString(2, hash);
        insert.executeUpdate();
      }
      writeOnce(file, password);
      try {
        c.commit();
      } catch (SQLException e) {
        Files.deleteIfExists(file);
        throw e;
      }
      return true;
    }
  }

  private static void writeOnce(Path file, String password) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(
        file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }
}
