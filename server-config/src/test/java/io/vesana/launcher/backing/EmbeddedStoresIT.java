package io.vesana.launcher.backing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Runs the launcher's embedded PostgreSQL and Redis as {@code vesana start} does, with a private
 * data directory under target/, and proves that what was stored survives a stop and a start.
 */
class EmbeddedStoresIT {

  @Test
  void storesRunAndKeepTheirDataAcrossARestart() throws Exception {
    Path home = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "home");
    int pgPort = freePort();
    int redisPort = freePort();

    try (var postgres = EmbeddedPostgresServer.start(home, pgPort);
        var redis = EmbeddedRedisServer.start(home, redisPort)) {
      execute(postgres.endpoint(), "CREATE TABLE checks (name text PRIMARY KEY)");
      execute(postgres.endpoint(), "INSERT INTO checks VALUES ('disk /')");
      assertThat(redisCommand(redisPort, "PING")).isEqualTo("+PONG");
      assertThat(redisCommand(redisPort, "SET", "vesana:it", "accepted")).isEqualTo("+OK");
    }

    try (var postgres = EmbeddedPostgresServer.start(home, pgPort);
        var redis = EmbeddedRedisServer.start(home, redisPort)) {
      assertThat(queryOne(postgres.endpoint(), "SELECT name FROM checks")).isEqualTo("disk /");
      assertThat(redisCommand(redisPort, "GET", "vesana:it")).isEqualTo("accepted");
    }
  }

  private static void execute(DatabaseEndpoint db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String queryOne(DatabaseEndpoint db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  /** One RESP command over a raw socket; returns a simple reply or a bulk string's value. */
  private static String redisCommand(int port, String... args) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
      for (String arg : args) {
        request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        request.append(arg).append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      var in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String reply = in.readLine();
      return reply.startsWith("$") && !reply.equals("$-1") ? in.readLine() : reply;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
