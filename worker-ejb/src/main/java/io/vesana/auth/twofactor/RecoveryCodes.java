package io.vesana.auth.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Single-use recovery codes for a user who lost the authenticator: {@value #COUNT} codes like
 * {@code 7kq2-m9xd-4tva}, 12 characters of Crockford's Base32 alphabet (digits and lower-case
 * letters without i, l, o and u), so 60 random bits each. The plaintext is shown once; only SHA-256
 * hashes are stored ({@code user_recovery_codes.code_hash}). A fast unsalted hash is enough here,
 * unlike for passwords, because the codes are random: 2^60 guesses per code is out of reach.
 *
 * <p>Typed input is normalised before hashing: surrounding space, case, dashes and inner spaces do
 * not matter, and the letters o, i and l read as the digits 0, 1 and 1 they look like (the alphabet
 * never contains those letters, so this only turns misreadings into hits). Thread-safe.
 */
public final class RecoveryCodes {

  /** Codes per generation. */
  public static final int COUNT = 10;

  /** Crockford's Base32: 32 symbols, none of them easily mistaken for another. */
  static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

  static final int GROUPS = 3;
  static final int GROUP_LENGTH = 4;
  private static final int LENGTH = GROUPS * GROUP_LENGTH;

  private static final SecureRandom RANDOM = new SecureRandom();

  private RecoveryCodes() {}

  /** {@value #COUNT} new, distinct codes and their hashes, in the same order. */
  public static RecoveryCodeSet generate() {
    Set<String> seen = new HashSet<>();
    List<String> codes = new ArrayList<>(COUNT);
    List<byte[]> hashes = new ArrayList<>(COUNT);
    while (codes.size() < COUNT) {
      String code = randomCode();
      // A repeat is a 2^-60 event, but the table's UNIQUE (user_id, code_hash) would reject it.
      if (seen.add(code)) {
        codes.add(display(code));
        hashes.add(sha256(code));
      }
    }
    return new RecoveryCodeSet(codes, hashes);
  }

  /**
   * The stored form of a typed code: SHA-256 of its normalised text, 32 bytes. Empty when the input
   * cannot be a recovery code (wrong length or characters), so callers need no database lookup.
   */
  public static Optional<byte[]> hash(String typed) {
    return normalise(typed).map(RecoveryCodes::sha256);
  }

  /** The canonical 12 characters of a typed code, or empty if it cannot be one. */
  static Optional<String> normalise(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    String s = typed.strip().toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(LENGTH);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case ' ', '-' -> {}
        case 'o' -> out.append('0');
        case 'i', 'l' -> out.append('1');
        default -> {
          if (ALPHABET.indexOf(c) < 0) {
            return Optional.empty();
          }
          out.append(c);
        }
      }
    }
    return out.length() == LENGTH ? Optional.of(out.toString()) : Optional.empty();
  }

  private static String randomCode() {
    char[] chars = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      chars[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
    }
    return new String(chars);
  }

  private static String display(String code) {
    StringBuilder out = new StringBuilder(LENGTH + GROUPS - 1);
    for (int g = 0; g < GROUPS; g++) {
      if (g > 0) {
        out.append('-');
      }
      out.append(code, g * GROUP_LENGTH, (g + 1) * GROUP_LENGTH);
    }
    return out.toString();
  }

  private static byte[] sha256(String normalised) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(normalised.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
