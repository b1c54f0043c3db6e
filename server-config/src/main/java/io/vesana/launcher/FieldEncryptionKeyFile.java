package io.vesana.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The key of field encryption (AES-256-GCM of stored secrets) when the operator did not set {@code
 * FIELD_ENCRYPTION_KEY}: 32 random bytes generated on first start into {@code
 * <home>/keys/field-encryption-key} (owner-only) and reused after. Losing it makes stored secrets
 * unreadable, so the data directory's backup must include it (docs/secrets.md).
 */
final class FieldEncryptionKeyFile {

  static final String ENV = "FIELD_ENCRYPTION_KEY";
  static final String FILE_ENV = "FIELD_ENCRYPTION_KEY_FILE";

  private final Path file;

  FieldEncryptionKeyFile(Path home) {
    this.file = home.resolve("keys").resolve("field-encryption-key");
  }

  /**
   * The environment every instance needs: the key file's path (not the key: a process's environment
   * is readable in /proc by the same user); empty when the operator set a key or key file
   * themselves.
   */
  Map<String, String> ensure(Map<String, String> env) throws IOException {
    if (env.containsKey(ENV) || env.containsKey(FILE_ENV)) {
      return Map.of();
    }
    if (!Files.isRegularFile(file)) {
      Files.createDirectories(file.getParent());
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Path tmp = file.resolveSibling("field-encryption-key.tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the data directory's own permissions are all there is
      }
      Files.writeString(
          tmp,
          Base64.getUrlEncoder().withoutPadding().encodeToString(key),
          StandardCharsets.US_ASCII);
      Files.move(tmp, file);
    }
    return Map.of(FILE_ENV, file.toString());
  }
}
