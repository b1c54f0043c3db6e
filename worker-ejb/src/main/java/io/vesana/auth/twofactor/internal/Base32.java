package io.vesana.auth.twofactor.internal;

/**
 * RFC 4648 Base32 (upper case, no padding), the encoding authenticator apps expect for the secret
 * in an {@code otpauth://} URI. Hand-written because java-otp has no Base32 and commons-codec is
 * not on the worker's class path; encoding alone is a dozen lines and has no security decision in
 * it (decoding is not needed: secrets are stored as bytes).
 */
public final class Base32 {

  private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private Base32() {}

  public static String encode(byte[] data) {
    StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET[(buffer >>> (bits - 5)) & 0x1f]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET[(buffer << (5 - bits)) & 0x1f]);
    }
    return out.toString();
  }
}
