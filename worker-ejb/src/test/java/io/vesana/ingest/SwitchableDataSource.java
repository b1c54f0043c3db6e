package io.vesana.ingest;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The test database, or — while "down" — a real PostgreSQL driver pointed at a closed port, so the
 * pipeline sees the genuine connection-refused failure (SQLSTATE 08001).
 */
final class SwitchableDataSource implements DataSource {

  private final DataSource real;
  private final PGSimpleDataSource closedPort = new PGSimpleDataSource();
  private volatile boolean down;

  SwitchableDataSource(DataSource real, String user) {
    this.real = real;
    closedPort.setServerNames(new String[] {"127.0.0.1"});
    closedPort.setPortNumbers(new int[] {1});
    closedPort.setDatabaseName("postgres");
    closedPort.setUser(user);
  }

  void down() {
    down = true;
  }

  void up() {
    down = false;
  }

  private DataSource current() {
    return down ? closedPort : real;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return current().getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return current().getConnection(username, password);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return real.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    real.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    real.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return real.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
