package io.vesana.launcher.backing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A PostgreSQL 15 server run from zonky's bundled binaries, with its cluster in a fixed directory
 * that survives restarts ({@code initdb} runs only when the directory holds no cluster yet).
 *
 * <p>Lifecycle: {@link #start} once, {@link #close} once. zonky also registers a JVM shutdown hook
 * that stops the server; {@link #close} is idempotent with it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  static final String DATABASE = "vesana";
  static final String USER = "postgres";

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts the server on 127.0.0.1:{@code port} with its cluster in {@code home/postgres} and its
   * output in {@code home/logs/postgres.log}, and creates the {@code vesana} database if missing.
   */
  public static EmbeddedPostgresServer start(Path home, int port) throws IOException {
    Path data = home.resolve("postgres");
    Path binaries = home.resolve("bin");
    Path log = home.resolve("logs").resolve("postgres.log");
    Files.createDirectories(binaries);
    Files.createDirectories(log.getParent());
    var redirect = ProcessBuilder.Redirect.appendTo(log.toFile());
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(data)
            .setCleanDataDirectory(false)
            .setOverrideWorkingDirectory(binaries.toFile())
            .setPort(port)
            // zonky tunes for throw-away test clusters (-F, synchronous_commit=off); this cluster
            // holds the user's monitoring data, so a committed transaction must survive a crash.
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("max_connections", "200")
            // Write-heavy monitoring load: room for the hot current_status table and its indexes
            // in shared memory, and checkpoints rare enough that full-page images stay a small
            // part of the WAL (docs/running.md gives the same settings for a system PostgreSQL).
            .setServerConfig("shared_buffers", "512MB")
            .setServerConfig("max_wal_size", "4GB")
            .setServerConfig("checkpoint_timeout", "15min")
            .setPGStartupWait(Duration.ofSeconds(60))
            .setOutputRedirector(redirect)
            .setErrorRedirector(redirect)
            .start();
    var server = new EmbeddedPostgresServer(postgres);
    try {
      server.createDatabaseIfMissing();
    } catch (SQLException e) {
      server.close();
      throw new IOException("embedded PostgreSQL started but database 'vesana' not created", e);
    }
    return server;
  }

  public DatabaseEndpoint endpoint() {
    return new DatabaseEndpoint(
        "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE, USER, "", true);
  }

  private void createDatabaseIfMissing() throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet row = exists.executeQuery()) {
        if (row.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + DATABASE);
      }
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
