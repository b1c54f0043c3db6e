package io.vesana.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtSigningKeysTest {

  @TempDir Path home;

  @Test
  void generatesAnOwnerOnlyPairOnceAndPointsMpJwtAtAFileUrl() throws Exception {
    Map<String, String> env = new JwtSigningKeys(home).ensure();
    Path privateKey = Path.of(env.get(JwtSigningKeys.PRIVATE_KEY_ENV));
    URI publicKey = URI.create(env.get(JwtSigningKeys.PUBLIC_KEY_ENV));
    assertThat(publicKey.getScheme()).isEqualTo("file");
    assertThat(Files.readString(Path.of(publicKey), StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(Files.readString(privateKey, StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)))
        .isEqualTo("rw-------");
    String before = Files.readString(privateKey, StandardCharsets.US_ASCII);
    new JwtSigningKeys(home).ensure();
    assertThat(Files.readString(privateKey, StandardCharsets.US_ASCII))
        .as("kept across restarts")
        .isEqualTo(before);
  }

  @Test
  void theFieldKeyIsPassedAsAFileNotAsAValue() throws Exception {
    Map<String, String> env = new FieldEncryptionKeyFile(home).ensure(Map.of());
    assertThat(env).containsOnlyKeys(FieldEncryptionKeyFile.FILE_ENV);
    Path file = Path.of(env.get(FieldEncryptionKeyFile.FILE_ENV));
    assertThat(Files.readString(file, StandardCharsets.US_ASCII)).matches("[A-Za-z0-9_-]{43}");
    assertThat(new FieldEncryptionKeyFile(home).ensure(Map.of("FIELD_ENCRYPTION_KEY", "x")))
        .as("an operator's own key wins")
        .isEmpty();
  }
}
