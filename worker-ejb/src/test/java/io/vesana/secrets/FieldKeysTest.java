package io.vesana.secrets;

import static io.vesana.secrets.FieldCipherTest.encode;
import static io.vesana.secrets.FieldCipherTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file setting: {@code vesana.secrets.field-encryption-key-file}. */
class FieldKeysTest {

  private static final byte[] FILE_KEY = key(5);
  private static final byte[] DIRECT_KEY = key(6);
  private static final byte[] OLD_KEY = key(7);

  @TempDir Path dir;

  @Test
  void theKeyIsReadFromTheFileWithSurroundingWhitespaceIgnored() throws IOException {
    Path file = write("  " + encode(FILE_KEY) + "\n\n");

    FieldKeys keys = load(Map.of(FieldKeys.KEY_FILE_PROPERTY, file.toString()));

    assertThat(keys.currentKeyId()).isEqualTo(idOf(FILE_KEY));
  }

  @Test
  void theDocumentedVariableNameWorksToo() throws IOException {
    Path file = write(encode(FILE_KEY));

    FieldKeys keys =
        load(
            Map.of(
                "FIELD_ENCRYPTION_KEY_FILE",
                file.toString(),
                "FIELD_ENCRYPTION_PREVIOUS_KEYS",
                encode(OLD_KEY)));

    assertThat(keys.currentKeyId()).isEqualTo(idOf(FILE_KEY));
    assertThat(keys.previousKeyIds()).containsExactly(idOf(OLD_KEY).orElseThrow());
  }

  @Test
  void aDirectlySetKeyWinsOverTheFile() throws IOException {
    Path file = write(encode(FILE_KEY));

    FieldKeys keys =
        load(
            Map.of(
                FieldKeys.KEY_PROPERTY,
                encode(DIRECT_KEY),
                FieldKeys.KEY_FILE_PROPERTY,
                file.toString()));

    assertThat(keys.currentKeyId()).isEqualTo(idOf(DIRECT_KEY));
  }

  @Test
  void aMissingFileIsAnErrorNamingTheSettingAndPath() {
    Path missing = dir.resolve("no-such-key");

    assertThatThrownBy(() -> load(Map.of(FieldKeys.KEY_FILE_PROPERTY, missing.toString())))
        .isInstanceOf(FieldKeyConfigException.class)
        .hasMessageContaining(FieldKeys.KEY_FILE_PROPERTY)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("cannot be read");
  }

  @Test
  void anEmptyFileIsAnErrorNotAMissingKey() throws IOException {
    Path file = write(" \n");

    assertThatThrownBy(() -> load(Map.of(FieldKeys.KEY_FILE_PROPERTY, file.toString())))
        .isInstanceOf(FieldKeyConfigException.class)
        .hasMessageContaining(FieldKeys.KEY_FILE_PROPERTY)
        .hasMessageContaining("is empty");
  }

  @Test
  void aBadKeyInTheFileIsNamedByTheFileSettingWithoutEchoingIt() throws IOException {
    String shortKey = encode(key(8, 31));
    String standard = "ab+/" + encode(FILE_KEY).substring(4);

    for (String content : new String[] {shortKey, standard}) {
      Path file = write(content);
      assertThatThrownBy(() -> load(Map.of(FieldKeys.KEY_FILE_PROPERTY, file.toString())))
          .isInstanceOf(FieldKeyConfigException.class)
          .hasMessageContaining(FieldKeys.KEY_FILE_PROPERTY)
          .message()
          .doesNotContain(content);
    }
  }

  @Test
  void binaryOrOversizedFilesAreRefusedWithoutEchoingThem() throws IOException {
    Path binary = dir.resolve("binary");
    Files.write(binary, FILE_KEY);
    Path huge = write("A".repeat(FieldKeys.MAX_KEY_FILE_BYTES + 1));

    assertThatThrownBy(() -> load(Map.of(FieldKeys.KEY_FILE_PROPERTY, binary.toString())))
        .isInstanceOf(FieldKeyConfigException.class)
        .hasMessageContaining("not base64url text");
    assertThatThrownBy(() -> load(Map.of(FieldKeys.KEY_FILE_PROPERTY, huge.toString())))
        .isInstanceOf(FieldKeyConfigException.class)
        .hasMessageContaining("larger than")
        .message()
        .doesNotContain("AAAA");
  }

  @Test
  void withNeitherKeyNorFileTheMessageMentionsBoth() {
    FieldCipher cipher = new FieldCipher(load(new HashMap<>()));

    assertThatThrownBy(() -> cipher.encrypt("x", "users.totp_secret_ciphertext"))
        .isInstanceOf(FieldKeyConfigException.class)
        .hasMessageStartingWith("FIELD_ENCRYPTION_KEY is not set")
        .hasMessageContaining("FIELD_ENCRYPTION_KEY_FILE");
  }

  private Path write(String content) throws IOException {
    Path file = Files.createTempFile(dir, "field-key", ".txt");
    Files.writeString(file, content, StandardCharsets.US_ASCII);
    return file;
  }

  private static FieldKeys load(Map<String, String> settings) {
    return FieldKeys.load(name -> Optional.ofNullable(settings.get(name)));
  }

  private static Optional<String> idOf(byte[] raw) {
    return FieldCipher.of(raw).keys().currentKeyId();
  }
}
