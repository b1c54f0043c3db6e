package io.vesana.auth.twofactor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Key URI authenticator apps scan: {@code
 * otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER&algorithm=SHA1&digits=6&period=30}. The
 * issuer appears both in the label (older apps) and as a parameter (newer ones). Label parts and
 * values are percent-encoded per RFC 3986 (not form encoding: a space must be %20, never '+', or
 * apps show the plus sign).
 */
final class OtpauthUri {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private OtpauthUri() {}

  static String of(String issuer, String account, String base32Secret, int digits, Duration step) {
    String i = labelPart(issuer, "issuer");
    String a = labelPart(account, "account name");
    return "otpauth://totp/"
        + i
        + ':'
        + a
        + "?secret="
        + base32Secret
        + "&issuer="
        + i
        + "&algorithm=SHA1&digits="
        + digits
        + "&period="
        + step.getSeconds();
  }

  private static String labelPart(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    // The Key URI format forbids it: apps split the label at the first colon.
    if (value.indexOf(':') >= 0) {
      throw new IllegalArgumentException(what + " must not contain ':'");
    }
    return encode(value.strip());
  }

  /** Percent-encodes everything but RFC 3986 unreserved characters, as UTF-8. */
  static String encode(String s) {
    StringBuilder out = new StringBuilder(s.length() * 3 / 2);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }
}
