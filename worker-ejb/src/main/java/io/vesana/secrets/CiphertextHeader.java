package io.vesana.secrets;

import java.nio.charset.StandardCharsets;

/**
 * The self-describing prefix of every field ciphertext: {@code [version=1][key id length][key id
 * (ASCII)]}, followed by a 12-byte IV and the AES-GCM output (ciphertext and 16-byte tag). The
 * whole header is authenticated as GCM additional data, so neither the version nor the key id can
 * be changed without decryption failing.
 */
record CiphertextHeader(String keyId) {

  static final byte VERSION = 1;
  static final int IV_BYTES = 12;
  static final int TAG_BYTES = 16;
  private static final int MAX_KEY_ID_LENGTH = 64;

  CiphertextHeader {
    if (!wellFormedId(keyId)) {
      throw new IllegalArgumentException("key id must be 1-64 of [0-9A-Za-z_-]");
    }
  }

  /** Reads the header of {@code ciphertext}; refuses anything too short to hold IV and tag. */
  static CiphertextHeader read(byte[] ciphertext) {
    if (ciphertext == null) {
      throw new InvalidCiphertextException("no ciphertext (null)");
    }
    if (ciphertext.length < 2) {
      throw new InvalidCiphertextException(
          "not a field ciphertext: " + ciphertext.length + " bytes");
    }
    if (ciphertext[0] != VERSION) {
      throw new InvalidCiphertextException(
          "not a field ciphertext: unsupported format version " + (ciphertext[0] & 0xff));
    }
    int idLength = ciphertext[1] & 0xff;
    if (idLength == 0 || idLength > MAX_KEY_ID_LENGTH) {
      throw new InvalidCiphertextException("not a field ciphertext: key id length " + idLength);
    }
    if (ciphertext.length < 2 + idLength + IV_BYTES + TAG_BYTES) {
      throw new InvalidCiphertextException(
          "not a field ciphertext: truncated (" + ciphertext.length + " bytes)");
    }
    String keyId = new String(ciphertext, 2, idLength, StandardCharsets.US_ASCII);
    if (!wellFormedId(keyId)) {
      // Checked before the id is put into any message, so a damaged header cannot inject text.
      throw new InvalidCiphertextException("not a field ciphertext: malformed key id");
    }
    return new CiphertextHeader(keyId);
  }

  /** Bytes of the header as written and authenticated. */
  byte[] bytes() {
    byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[2 + id.length];
    out[0] = VERSION;
    out[1] = (byte) id.length;
    System.arraycopy(id, 0, out, 2, id.length);
    return out;
  }

  int length() {
    return 2 + keyId.length();
  }

  private static boolean wellFormedId(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_KEY_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char ch = id.charAt(i);
      boolean ok =
          (ch >= '0' && ch <= '9')
              || (ch >= 'a' && ch <= 'z')
              || (ch >= 'A' && ch <= 'Z')
              || ch == '-'
              || ch == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
