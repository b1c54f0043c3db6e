package io.vesana.credentials;

import java.sql.SQLException;

/**
 * A credential could not be written: {@link #invalidReference()} when it names a host of another
 * tenant or none (SQLSTATE 23503), else a database failure.
 */
public class CredentialException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean invalidReference;

  private CredentialException(String message, Throwable cause, boolean invalidReference) {
    super(message, cause);
    this.invalidReference = invalidReference;
  }

  static CredentialException of(SQLException e) {
    boolean reference = "23503".equals(e.getSQLState());
    return new CredentialException(
        reference ? "host_id does not name a host of this tenant" : "credential store failed",
        e,
        reference);
  }

  public boolean invalidReference() {
    return invalidReference;
  }
}
