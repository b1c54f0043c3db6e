package io.vesana.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain-SQL shorthands over one connection, for tests that check the schema itself. */
public final class Sql {

  private final Connection c;

  public Sql(Connection c) {
    this.c = c;
  }

  public void exec(String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The first column of the first row as a number (typically an {@code ... RETURNING id}). */
  public long id(String sql) throws SQLException {
    return Long.parseLong(string(sql));
  }

  /** The first column of the first row; fails the test when there is no row. */
  public String string(String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as("a row from: %s", sql).isTrue();
      return rs.getString(1);
    }
  }
}
