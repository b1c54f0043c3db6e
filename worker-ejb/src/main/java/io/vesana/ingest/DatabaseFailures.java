package io.vesana.ingest;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Sorts database failures into transient (the database or the connection, worth waiting for) and
 * permanent (the data: retrying the same rows gives the same answer). By SQLSTATE class: 08
 * connection, 40 serialization/deadlock, 53 resources, 57 operator intervention (shutdown,
 * terminated backend), 58 system error, and pgjdbc's connection-attempt failures are transient;
 * everything else (22 data, 23 constraints such as 23514 "no partition for checked_at") is not.
 */
public final class DatabaseFailures {

  private DatabaseFailures() {}

  public static boolean isTransient(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLTransientException || c instanceof SQLRecoverableException) {
        return true;
      }
      if (c instanceof SQLException e && e.getSQLState() != null) {
        String s = e.getSQLState();
        return s.startsWith("08")
            || s.startsWith("40")
            || s.startsWith("53")
            || s.startsWith("57")
            || s.startsWith("58");
      }
      if (c instanceof java.net.SocketException || c instanceof java.io.EOFException) {
        return true;
      }
    }
    // SQLException without SQLSTATE (pool exhausted, closed DataSource): assume the database.
    return t instanceof SQLException;
  }
}
