package io.vesana.secrets;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key and its id. The id is the first 8 hex digits (32 bits) of SHA-256 of the raw key,
 * so every instance derives the same id from the same key without coordination.
 *
 * <p>Why the id gives nothing away: SHA-256 cannot be inverted, and 32 bits of a hash of a 256-bit
 * random key narrow a brute-force search by nothing that matters (2^256 candidates remain). What it
 * does allow is to confirm a guessed key, which any single ciphertext already allows through its
 * GCM tag. Immutable; {@link #toString()} shows the id only.
 */
final class FieldKey {

  static final int KEY_BYTES = 32;
  private static final int ID_HEX_DIGITS = 8;

  private final String id;
  private final SecretKey key;

  private FieldKey(String id, SecretKey key) {
    this.id = id;
    this.key = key;
  }

  /** Copies {@code raw}; the caller may clear its array afterwards. */
  static FieldKey of(byte[] raw) {
    if (raw == null || raw.length != KEY_BYTES) {
      throw new FieldKeyConfigException(
          "a field encryption key must be "
              + KEY_BYTES
              + " bytes, got "
              + (raw == null ? "none" : raw.length));
    }
    return new FieldKey(idOf(raw), new SecretKeySpec(raw, "AES"));
  }

  static String idOf(byte[] raw) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
      return HexFormat.of().formatHex(digest).substring(0, ID_HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  String id() {
    return id;
  }

  SecretKey secretKey() {
    return key;
  }

  /** Same raw key (constant time); ids can collide, keys must not be told apart by id alone. */
  boolean sameKeyAs(FieldKey other) {
    return MessageDigest.isEqual(key.getEncoded(), other.key.getEncoded());
  }

  @Override
  public String toString() {
    return "FieldKey[" + id + "]";
  }
}
