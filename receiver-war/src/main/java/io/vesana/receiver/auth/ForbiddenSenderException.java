package io.vesana.receiver.auth;

/** A valid credential that may not use this endpoint (an agent token on /discovery). 403. */
public class ForbiddenSenderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ForbiddenSenderException() {
    super("not allowed", null, false, false);
  }
}
