package io.vesana.auth.sso;

/**
 * An issuer token that is not accepted. {@link #unavailable()} is true when it could not be checked
 * because the issuer's key set could not be fetched (a retry may work), false when the token itself
 * is bad. The message is a short reason safe to show the client; it never holds the token.
 */
public final class SsoTokenException extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean unavailable;

  public SsoTokenException(String reason, boolean unavailable, Throwable cause) {
    super(reason, cause);
    this.unavailable = unavailable;
  }

  public boolean unavailable() {
    return unavailable;
  }
}
