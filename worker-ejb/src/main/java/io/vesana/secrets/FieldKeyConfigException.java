package io.vesana.secrets;

/**
 * The key configuration is missing or invalid: not set when a secret must be encrypted, not
 * base64url, not 32 bytes, or two keys with the same id.
 */
public final class FieldKeyConfigException extends FieldEncryptionException {

  FieldKeyConfigException(String message) {
    super(message);
  }
}
