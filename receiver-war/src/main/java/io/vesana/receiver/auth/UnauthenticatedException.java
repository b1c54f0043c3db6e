package io.vesana.receiver.auth;

/**
 * Missing, malformed, unknown, revoked or expired credential: deliberately one exception, so the
 * answer (401) cannot tell a prober which of these it was.
 */
public class UnauthenticatedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnauthenticatedException() {
    super("not authenticated", null, false, false);
  }
}
