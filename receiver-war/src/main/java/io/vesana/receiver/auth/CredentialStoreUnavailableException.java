package io.vesana.receiver.auth;

/**
 * PostgreSQL could not answer whether a credential is valid. Temporary (503 + Retry-After): the
 * sender keeps its data and retries, rather than being told its credential is bad.
 */
public class CredentialStoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CredentialStoreUnavailableException(Throwable cause) {
    super("credential store unavailable", cause);
  }
}
