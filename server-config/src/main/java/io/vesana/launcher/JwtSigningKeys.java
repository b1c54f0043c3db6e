package io.vesana.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The RSA key pair the API signs access tokens with (private) and MicroProfile JWT verifies them
 * with (public), generated on first start into {@code <home>/keys/} (owner-only) and reused after,
 * so tokens survive a restart. Not under {@code secrets/}: Payara Micro reads that directory as a
 * MicroProfile Config source, and a private key has no business being a config value.
 */
final class JwtSigningKeys {

  static final String PRIVATE_KEY_ENV = "VESANA_JWT_PRIVATE_KEY_LOCATION";
  static final String PUBLIC_KEY_ENV = "MP_JWT_VERIFY_PUBLICKEY_LOCATION";

  private final Path privateKey;
  private final Path publicKey;

  JwtSigningKeys(Path home) {
    Path dir = home.resolve("keys");
    this.privateKey = dir.resolve("jwt-signing-private.pem");
    this.publicKey = dir.resolve("jwt-signing-public.pem");
  }

  /**
   * Creates the pair unless both files exist; returns the environment the API instance needs. The
   * public key's location must be a URL ({@code file:...}): Payara's MP JWT does not read a bare
   * path and then refuses every token with "No PublicKey found".
   */
  Map<String, String> ensure() throws IOException {
    if (!Files.isRegularFile(privateKey) || !Files.isRegularFile(publicKey)) {
      generate();
    }
    return Map.of(
        PRIVATE_KEY_ENV, privateKey.toString(), PUBLIC_KEY_ENV, publicKey.toUri().toString());
  }

  private void generate() throws IOException {
    Path dir = privateKey.getParent();
    Files.createDirectories(dir);
    ownerOnly(dir, "rwx------");
    KeyPair pair;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(3072);
      pair = g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("RSA is part of every JDK", e);
    }
    Path tmp = dir.resolve("jwt-signing-private.pem.tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp);
    ownerOnly(tmp, "rw-------");
    Files.writeString(
        tmp,
        pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
        StandardCharsets.US_ASCII,
        StandardOpenOption.TRUNCATE_EXISTING);
    Files.writeString(
        publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
    Files.move(tmp, privateKey, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static void ownerOnly(Path p, String perms) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the data directory's own permissions are all there is
    }
  }
}
