package io.vesana.auth.twofactor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A new TOTP secret, shown to the user once: as {@code otpauthUri} in a QR code, or as {@code
 * secretBase32} to type in. The caller stores {@code secret} encrypted and enables 2FA only after
 * the user has confirmed a code. {@code toString()} shows neither the secret nor the URI.
 *
 * @param secret the raw key bytes (a copy on every access)
 * @param secretBase32 the key in RFC 4648 Base32, upper case, unpadded
 * @param otpauthUri the Key URI ({@code otpauth://totp/...}) authenticator apps scan
 */
public record TotpEnrolment(byte[] secret, String secretBase32, String otpauthUri) {

  public TotpEnrolment {
    secret = Objects.requireNonNull(secret, "secret").clone();
    Objects.requireNonNull(secretBase32, "secretBase32");
    Objects.requireNonNull(otpauthUri, "otpauthUri");
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TotpEnrolment e
        && Arrays.equals(secret, e.secret)
        && secretBase32.equals(e.secretBase32)
        && otpauthUri.equals(e.otpauthUri);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(secret), secretBase32, otpauthUri);
  }

  @Override
  public String toString() {
    return "TotpEnrolment[secret=<redacted>]";
  }
}
