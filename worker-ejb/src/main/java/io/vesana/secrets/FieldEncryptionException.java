package io.vesana.secrets;

/**
 * Any failure to encrypt or decrypt a field. Messages name settings, columns and key ids only,
 * never a key or a plaintext, so they may be logged and shown to an administrator.
 */
public class FieldEncryptionException extends RuntimeException {

  FieldEncryptionException(String message) {
    super(message);
  }

  FieldEncryptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
