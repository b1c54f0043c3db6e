package io.vesana.credentials;

/**
 * A credential just created: {@code secret} is its plaintext, shown to the caller this once and
 * never stored or logged ({@link #toString()} leaves it out).
 */
public record IssuedCredential(CredentialView credential, String secret) {
  @Override
  public String toString() {
    return "IssuedCredential[" + credential + ", secret=(shown once)]";
  }
}
