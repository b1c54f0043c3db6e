package io.vesana.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldCipherTest {

  private static final String CONTEXT = SecretColumn.CREDENTIALS_SECRET.context();
  private static final String SECRET = "s3cr3t-community";

  private static final byte[] OLD_KEY = key(1);
  private static final byte[] NEW_KEY = key(2);

  @ParameterizedTest
  @ValueSource(
      strings = {"", "public", "pässwörd ключ 密码 🔑", "-----BEGIN OPENSSH PRIVATE KEY-----"})
  void roundTrips(String plaintext) {
    FieldCipher cipher = FieldCipher.of(NEW_KEY);

    assertThat(cipher.decrypt(cipher.encrypt(plaintext, CONTEXT), CONTEXT)).isEqualTo(plaintext);
  }

  @Test
  void ciphertextCarriesVersionAndKeyIdAndNeverThePlaintext() {
    FieldCipher cipher = FieldCipher.of(NEW_KEY);

    byte[] ciphertext = cipher.encrypt(SECRET, CONTEXT);

    String keyId = cipher.keys().currentKeyId().orElseThrow();
    assertThat(keyId).matches("[0-9a-f]{8}");
    assertThat(ciphertext[0]).isEqualTo((byte) 1);
    assertThat(ciphertext[1]).isEqualTo((byte) 8);
    assertThat(new String(ciphertext, 2, 8, StandardCharsets.US_ASCII)).isEqualTo(keyId);
    assertThat(FieldCipher.keyIdOf(ciphertext)).isEqualTo(keyId);
    // version + length + id + 12-byte IV + ciphertext + 16-byte tag
    assertThat(ciphertext).hasSize(2 + 8 + 12 + SECRET.length() + 16);
    assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
  }

  @Test
  void keyIdIsTheSameOnEveryInstance() {
    assertThat(FieldCipher.of(NEW_KEY).keys().currentKeyId())
        .isEqualTo(FieldCipher.of(NEW_KEY.clone()).keys().currentKeyId())
        .isNotEqualTo(FieldCipher.of(OLD_KEY).keys().currentKeyId());
  }

  @Test
  void everyEncryptionUsesAFreshIv() {
    FieldCipher cipher = FieldCipher.of(NEW_KEY);

    byte[] first = cipher.encrypt(SECRET, CONTEXT);
    byte[] second = cipher.encrypt(SECRET, CONTEXT);

    assertThat(Arrays.copyOfRange(first, 10, 22)).isNotEqualTo(Arrays.copyOfRange(second, 10, 22));
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void aChangedByteAnywhereIsRefused() {
    FieldCipher cipher = FieldCipher.of(NEW_KEY);
    byte[] ciphertext = cipher.encrypt(SECRET, CONTEXT);

    for (int i = 0; i < ciphertext.length; i++) {
      byte[] tampered = ciphertext.clone();
      tampered[i] ^= 0x01;
      int position = i;
      assertThatThrownBy(() -> cipher.decrypt(tampered, CONTEXT))
          .as("byte %d changed", position)
          .isInstanceOf(FieldEncryptionException.class)
          .message()
          .doesNotContain(SECRET);
    }
  }

  @Test
  void truncatedOrExtendedCiphertextIsRefused() {
    FieldCipher cipher = FieldCipher.of(NEW_KEY);
    byte[] ciphertext = cipher.encrypt(SECRET, CONTEXT);

    for (int length = 0; length < ciphertext.length; length++) {
      byte[] truncated = Arrays.copyOf(ciphertext, length);
      assertThatThrownBy(() -> cipher.decrypt(truncated, CONTEXT))
          .isInstanceOf(InvalidCiphertextException.class);
    }
    byte[] extended = Arrays.copyOf(ciphertext, ciphertext.length + 1);
    assertThatThrownBy(() -> cipher.decrypt(extended, CONTEXT))
        .isInstanceOf(InvalidCiphertextException.class);
  }

  @Test
  void ciphertextOfAnotherColumnIsRefused() {
    FieldCipher cipher = FieldCipher.of(NEW_KEY);
    byte[] ciphertext = cipher.encrypt(SECRET, CONTEXT);

    assertThatThrownBy(
            () -> cipher.decrypt(ciphertext, SecretColumn.NOTIFICATION_CHANNELS_SECRET.context()))
        .isInstanceOf(InvalidCiphertextException.class)
        .hasMessageContaining("notification_channels.secret_ciphertext")
        .hasMessageContaining("failed authentication");
  }

  @Test
  void previousKeyDecryptsAndMarksTheCiphertextForReEncryption() {
    byte[] underOldKey = FieldCipher.of(OLD_KEY).encrypt(SECRET, CONTEXT);
    FieldCipher rotated = FieldCipher.of(NEW_KEY, OLD_KEY);

    assertThat(rotated.decrypt(underOldKey, CONTEXT)).isEqualTo(SECRET);
    assertThat(rotated.needsReEncryption(underOldKey)).isTrue();
    assertThat(rotated.needsReEncryption(rotated.encrypt(SECRET, CONTEXT))).isFalse();
    assertThat(rotated.keys().previousKeyIds()).containsExactly(FieldCipher.keyIdOf(underOldKey));
  }

  @Test
  void unknownKeyIdIsNamedAndNothingElse() {
    byte[] underOldKey = FieldCipher.of(OLD_KEY).encrypt(SECRET, CONTEXT);
    String oldId = FieldCipher.keyIdOf(underOldKey);

    assertThatThrownBy(() -> FieldCipher.of(NEW_KEY).decrypt(underOldKey, CONTEXT))
        .isInstanceOfSatisfying(
            UnknownKeyException.class, e -> assertThat(e.keyId()).isEqualTo(oldId))
        .hasMessageContaining(oldId)
        .message()
        .doesNotContain(SECRET)
        .doesNotContain(encode(OLD_KEY))
        .doesNotContain(encode(NEW_KEY));
  }

  @Test
  void withoutAKeyNothingIsEncrypted() {
    FieldCipher cipher = new FieldCipher(FieldKeys.load(name -> Optional.empty()));

    assertThatThrownBy(() -> cipher.encrypt(SECRET, CONTEXT))
        .isInstanceOf(FieldKeyConfigException.class)
        .hasMessageStartingWith("FIELD_ENCRYPTION_KEY is not set")
        .message()
        .doesNotContain(SECRET);
    byte[] ciphertext = FieldCipher.of(NEW_KEY).encrypt(SECRET, CONTEXT);
    assertThatThrownBy(() -> cipher.decrypt(ciphertext, CONTEXT))
        .isInstanceOf(FieldKeyConfigException.class)
        .hasMessageStartingWith("FIELD_ENCRYPTION_KEY is not set");
  }

  @Test
  void keysAreBase64UrlWithOrWithoutPadding() {
    String unpadded = Base64.getUrlEncoder().withoutPadding().encodeToString(NEW_KEY);
    String padded = Base64.getUrlEncoder().encodeToString(NEW_KEY);

    for (String setting : new String[] {unpadded, padded, " " + padded + "\n"}) {
      FieldKeys keys = FieldKeys.parse(setting, null);
      assertThat(keys.currentKeyId()).isEqualTo(FieldCipher.of(NEW_KEY).keys().currentKeyId());
    }
  }

  @Test
  void theVesanaNameWinsOverTheDocumentedVariable() {
    Map<String, String> settings =
        Map.of(
            "vesana.secrets.field-encryption-key", encode(NEW_KEY),
            "FIELD_ENCRYPTION_KEY", encode(OLD_KEY),
            "FIELD_ENCRYPTION_PREVIOUS_KEYS", encode(OLD_KEY) + ", ");

    FieldKeys keys = FieldKeys.load(name -> Optional.ofNullable(settings.get(name)));

    assertThat(keys.currentKeyId()).isEqualTo(FieldCipher.of(NEW_KEY).keys().currentKeyId());
    String oldId = FieldCipher.of(OLD_KEY).keys().currentKeyId().orElseThrow();
    assertThat(keys.previousKeyIds()).containsExactly(oldId);
  }

  @Test
  void notBase64UrlIsRefusedWithoutEchoingTheValue() {
    String standard = "ab+/" + encode(NEW_KEY).substring(4);
    String garbage = "this is not a key at all!!";

    assertThatThrownBy(() -> FieldKeys.parse(standard, null))
        .isInstanceOf(FieldKeyConfigException.class)
        .hasMessageContaining("FIELD_ENCRYPTION_KEY")
        .hasMessageContaining("not valid base64url")
        .hasMessageContaining("replace + with -")
        .hasNoCause()
        .message()
        .doesNotContain(standard);
    assertThatThrownBy(() -> FieldKeys.parse(garbage, null))
        .isInstanceOf(FieldKeyConfigException.class)
        .hasMessageContaining("not valid base64url")
        .message()
        .doesNotContain(garbage);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 16, 31, 33, 64})
  void keysOfTheWrongLengthAreRefusedWithoutEchoingTheValue(int length) {
    String value = encode(key(3, length));

    assertThatThrownBy(() -> FieldKeys.parse(value, null))
        .isInstanceOf(FieldKeyConfigException.class)
        .hasMessageContaining("FIELD_ENCRYPTION_KEY")
        .hasMessageContaining("must decode to 32 bytes, got " + length)
        .message()
        .doesNotContain(value);
  }

  @Test
  void aBadPreviousKeyIsNamedByPosition() {
    String bad = encode(key(4, 31));

    assertThatThrownBy(() -> FieldKeys.parse(encode(NEW_KEY), encode(OLD_KEY) + "," + bad))
        .isInstanceOf(FieldKeyConfigException.class)
        .hasMessageContaining("vesana.secrets.previous-keys entry 2")
        .message()
        .doesNotContain(bad)
        .doesNotContain(encode(OLD_KEY))
        .doesNotContain(encode(NEW_KEY));
  }

  @Test
  void previousKeysWithoutACurrentKeyAreRefused() {
    assertThatThrownBy(() -> FieldKeys.parse(" ", encode(OLD_KEY)))
        .isInstanceOf(FieldKeyConfigException.class)
        .hasMessageContaining("FIELD_ENCRYPTION_KEY is not");
  }

  @Test
  void theCurrentKeyRepeatedAmongPreviousKeysIsHarmless() {
    FieldKeys keys = FieldKeys.parse(encode(NEW_KEY), encode(NEW_KEY) + "," + encode(OLD_KEY));

    assertThat(keys.previousKeyIds()).hasSize(1);
  }

  @Test
  void toStringsShowKeyIdsOnly() {
    FieldCipher cipher = FieldCipher.of(NEW_KEY, OLD_KEY);
    String newId = cipher.keys().currentKeyId().orElseThrow();

    for (String text :
        new String[] {
          cipher.toString(),
          cipher.keys().toString(),
          cipher.keys().current().toString(),
          new CiphertextHeader(newId).toString()
        }) {
      assertThat(text)
          .contains(newId)
          .doesNotContain(encode(NEW_KEY))
          .doesNotContain(encode(OLD_KEY))
          .doesNotContain(Base64.getEncoder().encodeToString(NEW_KEY))
          .doesNotContain(SECRET);
    }
  }

  @Test
  void aMalformedPlaintextIsRefusedWithoutEchoingIt() {
    String unpaired = "ab\uD800cd";

    assertThatThrownBy(() -> FieldCipher.of(NEW_KEY).encrypt(unpaired, CONTEXT))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(unpaired);
  }

  @Test
  void aContextIsRequired() {
    FieldCipher cipher = FieldCipher.of(NEW_KEY);

    assertThatThrownBy(() -> cipher.encrypt(SECRET, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(SECRET);
  }

  static byte[] key(int seed) {
    return key(seed, 32);
  }

  static byte[] key(int seed, int length) {
    byte[] key = new byte[length];
    for (int i = 0; i < length; i++) {
      key[i] = (byte) (seed * 31 + i * 7);
    }
    return key;
  }

  static String encode(byte[] raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
