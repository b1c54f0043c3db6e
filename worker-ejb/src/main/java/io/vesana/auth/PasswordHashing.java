package io.vesana.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes in a self-describing PHC-style string, {@code
 * $pbkdf2-sha256$i=<iterations>$<salt>$<hash>} (base64 without padding): PBKDF2-HMAC-SHA256 from
 * the JDK, 600,000 iterations (OWASP 2023), 16-byte salt. Verification reads the parameters from
 * the string, so the cost can be raised later without invalidating stored hashes. Thread-safe.
 */
public final class PasswordHashing {

  static final int ITERATIONS = 600_000;
  private static final String PREFIX = "$pbkdf2-sha256$";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private PasswordHashing() {}

  public static String hash(char[] password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return PREFIX
        + "i="
        + ITERATIONS
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(derive(password, salt, ITERATIONS));
  }

  /** True if {@code password} matches {@code stored}; false for any malformed stored value. */
  public static boolean verify(char[] password, String stored) {
    if (stored == null || !stored.startsWith(PREFIX)) {
      return false;
    }
    String[] parts = stored.substring(PREFIX.length()).split("\\$");
    if (parts.length != 3 || !parts[0].startsWith("i=")) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(parts[0].substring(2));
      byte[] salt = B64D.decode(parts[1]);
      byte[] expected = B64D.decode(parts[2]);
      if (iterations < 1 || expected.length == 0) {
        return false;
      }
      return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A random password of url-safe characters, for generated first-admin passwords. */
  public static String randomPassword(int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return new String(
        Base64.getUrlEncoder().withoutPadding().encode(raw), StandardCharsets.US_ASCII);
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    try {
      KeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    }
  }
}
