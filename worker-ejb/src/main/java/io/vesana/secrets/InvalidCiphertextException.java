package io.vesana.secrets;

/**
 * The stored bytes are not a ciphertext this code wrote for this column with this key: malformed,
 * tampered with, truncated, or copied from another column. Decryption never returns partial or
 * unauthenticated data instead.
 */
public final class InvalidCiphertextException extends FieldEncryptionException {

  InvalidCiphertextException(String message) {
    super(message);
  }

  InvalidCiphertextException(String message, Throwable cause) {
    super(message, cause);
  }
}
