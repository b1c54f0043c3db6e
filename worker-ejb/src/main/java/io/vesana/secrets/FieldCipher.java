package io.vesana.secrets;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts and decrypts one secret field: AES-256-GCM, a fresh random 96-bit IV per call, 128-bit
 * tag, in the self-describing format of {@link CiphertextHeader}. The {@code context} names the
 * column ({@link SecretColumn#context()}, e.g. {@code credentials.secret_ciphertext}) and is
 * authenticated together with the header, so a ciphertext copied into another column does not
 * decrypt there.
 *
 * <p>Random IVs are safe for far more than the number of secrets an installation holds (the GCM
 * limit is 2^32 encryptions per key). Thread-safe: a {@link Cipher} is created per call because
 * Cipher objects are not. Nothing here logs, and no message or {@code toString()} contains a key or
 * a plaintext.
 */
public final class FieldCipher {

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FieldKeys keys;

  public FieldCipher(FieldKeys keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /** A cipher over raw 32-byte keys, without configuration (tests, tools). */
  public static FieldCipher of(byte[] currentKey, byte[]... previousKeys) {
    return new FieldCipher(FieldKeys.of(currentKey, previousKeys));
  }

  public FieldKeys keys() {
    return keys;
  }

  /**
   * Encrypts under the current key.
   *
   * @throws FieldKeyConfigException when no key is configured; plaintext is never stored instead
   */
  public byte[] encrypt(String plaintext, String context) {
    Objects.requireNonNull(plaintext, "plaintext");
    byte[] aadContext = contextBytes(context);
    FieldKey key = keys.current();
    byte[] header = new CiphertextHeader(key.id()).bytes();
    byte[] iv = new byte[CiphertextHeader.IV_BYTES];
    RANDOM.nextBytes(iv);
    byte[] input = utf8(plaintext);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(
          Cipher.ENCRYPT_MODE,
          key.secretKey(),
          new GCMParameterSpec(Byte.SIZE * CiphertextHeader.TAG_BYTES, iv));
      cipher.updateAAD(header);
      cipher.updateAAD(aadContext);
      int bodyOffset = header.length + iv.length;
      byte[] out = new byte[bodyOffset + cipher.getOutputSize(input.length)];
      System.arraycopy(header, 0, out, 0, header.length);
      System.arraycopy(iv, 0, out, header.length, iv.length);
      int written = cipher.doFinal(input, 0, input.length, out, bodyOffset);
      return bodyOffset + written == out.length ? out : Arrays.copyOf(out, bodyOffset + written);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption unavailable", e);
    } finally {
      Arrays.fill(input, (byte) 0);
    }
  }

  /**
   * Decrypts a ciphertext written for {@code context} under the current or a previous key.
   *
   * @throws UnknownKeyException when its key id is not configured
   * @throws InvalidCiphertextException when it is malformed, tampered with or from another column
   */
  public String decrypt(byte[] ciphertext, String context) {
    byte[] aadContext = contextBytes(context);
    CiphertextHeader header = CiphertextHeader.read(ciphertext);
    FieldKey key = keys.byId(header.keyId());
    int ivOffset = header.length();
    int bodyOffset = ivOffset + CiphertextHeader.IV_BYTES;
    byte[] plain;
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(
          Cipher.DECRYPT_MODE,
          key.secretKey(),
          new GCMParameterSpec(
              Byte.SIZE * CiphertextHeader.TAG_BYTES,
              ciphertext,
              ivOffset,
              CiphertextHeader.IV_BYTES));
      cipher.updateAAD(ciphertext, 0, ivOffset);
      cipher.updateAAD(aadContext);
      plain = cipher.doFinal(ciphertext, bodyOffset, ciphertext.length - bodyOffset);
    } catch (AEADBadTagException e) {
      throw new InvalidCiphertextException(
          "ciphertext for "
              + context
              + " failed authentication: tampered with, truncated, or written for another column");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption unavailable", e);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(plain)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidCiphertextException("ciphertext for " + context + " holds no UTF-8 text");
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * True when the ciphertext was written under another key than the current one, i.e. {@link
   * ReEncryption} would rewrite it.
   */
  public boolean needsReEncryption(byte[] ciphertext) {
    String current = keys.current().id();
    return !CiphertextHeader.read(ciphertext).keyId().equals(current);
  }

  /** The key id a ciphertext names (no key needed), for diagnostics. */
  public static String keyIdOf(byte[] ciphertext) {
    return CiphertextHeader.read(ciphertext).keyId();
  }

  private static byte[] contextBytes(String context) {
    if (context == null || context.isBlank()) {
      throw new IllegalArgumentException(
          "context must name the column, e.g. credentials.secret_ciphertext");
    }
    return context.getBytes(StandardCharsets.UTF_8);
  }

  /** Strict: an unpaired surrogate would otherwise turn into '?' and not round-trip. */
  private static byte[] utf8(String text) {
    try {
      ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text));
      byte[] out = new byte[encoded.remaining()];
      encoded.get(out);
      if (encoded.hasArray()) {
        Arrays.fill(encoded.array(), (byte) 0);
      }
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "plaintext is not well-formed Unicode (unpaired surrogate)");
    }
  }

  @Override
  public String toString() {
    return "FieldCipher[" + keys + "]";
  }
}
