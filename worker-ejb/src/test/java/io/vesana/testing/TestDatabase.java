package io.vesana.testing;

import io.vesana.schema.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throw-away PostgreSQL database on the real server the test command provides (system property
 * {@code vesana.test.db.url}, default 127.0.0.1:5432). Each test class gets its own database, so
 * tests never share state and can run in any order.
 */
public final class TestDatabase implements AutoCloseable {

  private final String adminUrl;
  private final String user;
  private final String name;
  private final PGSimpleDataSource dataSource;

  private TestDatabase(String adminUrl, String user, String name) {
    this.adminUrl = adminUrl;
    this.user = user;
    this.name = name;
    this.dataSource = new PGSimpleDataSource();
    dataSource.setUrl(urlFor(name));
    dataSource.setUser(user);
  }

  /** Creates an empty database with a unique name. */
  public static TestDatabase createEmpty() {
    String adminUrl =
        System.getProperty("vesana.test.db.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    String user = System.getProperty("vesana.test.db.user", "postgres");
    String name = "vesana_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(adminUrl, user, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database on " + adminUrl, e);
    }
    return new TestDatabase(adminUrl, user, name);
  }

  /** Creates a database and applies every migration. */
  public static TestDatabase createMigrated() {
    TestDatabase db = createEmpty();
    Migrations.migrate(db.dataSource());
    return db;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public String url() {
    return urlFor(name);
  }

  public String user() {
    return user;
  }

  public String name() {
    return name;
  }

  private String urlFor(String database) {
    int slash = adminUrl.lastIndexOf('/');
    int query = adminUrl.indexOf('?', slash);
    String suffix = query < 0 ? "" : adminUrl.substring(query);
    return adminUrl.substring(0, slash + 1) + database.toLowerCase(Locale.ROOT) + suffix;
  }

  @Override
  public void close() {
    try (Connection c = DriverManager.getConnection(adminUrl, user, "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test database " + name, e);
    }
  }
}
