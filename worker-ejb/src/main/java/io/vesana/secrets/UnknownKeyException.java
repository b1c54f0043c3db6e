package io.vesana.secrets;

/**
 * The ciphertext was written under a key that is neither the current nor a previous key: a key was
 * removed from {@code vesana.secrets.previous-keys} before re-encryption finished, or the
 * configuration belongs to another installation.
 */
public final class UnknownKeyException extends FieldEncryptionException {

  private final String keyId;

  UnknownKeyException(String keyId) {
    super(
        "no field encryption key with id "
            + keyId
            + " is configured (add it to vesana.secrets.previous-keys / "
            + "FIELD_ENCRYPTION_PREVIOUS_KEYS)");
    this.keyId = keyId;
  }

  public String keyId() {
    return keyId;
  }
}
