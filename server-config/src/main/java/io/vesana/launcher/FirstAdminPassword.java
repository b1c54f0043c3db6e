package io.vesana.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The generated password of the first super admin, which the API instance writes to a file when it
 * creates that admin. The launcher shows it once and deletes the file, so the password exists only
 * on the terminal of whoever started Vesana the first time.
 */
final class FirstAdminPassword {
  private final Path file;

  FirstAdminPassword(Path home) {
    this.file = home.resolve("secrets").resolve("first-admin-password");
  }

  Path file() {
    return file;
  }

  /** Creates the owner-only directory the API instance writes the file into. */
  void prepareDirectory() throws IOException {
    Path dir = file.getParent();
    Files.createDirectories(dir);
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the data directory's own permissions are all there is
    }
  }

  /** The password if the file exists, deleting the file; empty on every later call. */
  Optional<String> takeOnce() throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String password = Files.readString(file, StandardCharsets.UTF_8).strip();
    Files.delete(file);
    return password.isEmpty() ? Optional.empty() : Optional.of(password);
  }
}
