package io.vesana.api.auth;

import io.vesana.auth.Caller;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues access tokens: RS256-signed JWTs that MicroProfile JWT verifies on every request with the
 * matching public key ({@code mp.jwt.verify.publickey.location}). Signing is a few lines of JDK
 * crypto; verification, the security-critical half, is the MP JWT implementation's.
 *
 * <p>Config: {@code vesana.jwt.private-key.location} (PKCS#8 PEM file; the launcher generates the
 * pair on first start), {@code vesana.jwt.issuer} (must equal {@code mp.jwt.verify.issuer}), {@code
 * vesana.jwt.audience}, {@code vesana.jwt.access-token-seconds} (default 900).
 */
@ApplicationScoped
public class AccessTokens {

  /** Custom claims: the tenant (absent for super admins), permissions, extra readable tenants. */
  static final String TENANT = "vesana_tid";

  static final String PERMISSIONS = "vesana_perm";
  static final String READABLE = "vesana_read";

  /**
   * {@code true} on the token of a user who must use two-factor authentication but has not set it
   * up: such a token carries no permissions and {@link Access} refuses it everywhere but at
   * enrolment.
   */
  static final String TWO_FACTOR_ENROLMENT_ONLY = "vesana_2fa_enrol";

  @Inject
  @ConfigProperty(name = "vesana.jwt.private-key.location")
  Optional<String> privateKeyLocation;

  @Inject
  @ConfigProperty(name = "vesana.jwt.issuer", defaultValue = "vesana")
  String issuer;

  @Inject
  @ConfigProperty(name = "vesana.jwt.audience", defaultValue = "vesana-api")
  String audience;

  @Inject
  @ConfigProperty(name = "vesana.jwt.access-token-seconds", defaultValue = "900")
  long lifetimeSeconds;

  private PrivateKey key;
  private String keyProblem;

  @PostConstruct
  void loadKey() {
    if (privateKeyLocation.isEmpty()) {
      keyProblem = "vesana.jwt.private-key.location is not set";
      return;
    }
    try {
      key = readPkcs8(Path.of(privateKeyLocation.get()));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      keyProblem = "cannot read the JWT signing key " + privateKeyLocation.get() + ": " + e;
    }
  }

  public long lifetimeSeconds() {
    return lifetimeSeconds;
  }

  public String issue(Caller caller) {
    if (key == null) {
      throw new IllegalStateException(keyProblem);
    }
    long now = Instant.now().getEpochSecond();
    JsonArrayBuilder groups = Json.createArrayBuilder();
    caller.roles().stream().sorted().forEach(groups::add);
    JsonArrayBuilder perms = Json.createArrayBuilder();
    caller.permissions().stream().sorted().forEach(perms::add);
    JsonArrayBuilder readable = Json.createArrayBuilder();
    caller.readableTenants().stream().sorted().forEach(readable::add);
    JsonObjectBuilder claims =
        Json.createObjectBuilder()
            .add("iss", issuer)
            .add("aud", audience)
            .add("sub", Long.toString(caller.userId()))
            .add("upn", caller.email())
            .add("groups", groups)
            .add("iat", now)
            .add("exp", now + lifetimeSeconds)
            .add("jti", UUID.randomUUID().toString())
            .add(PERMISSIONS, perms)
            .add(READABLE, readable);
    if (caller.tenantId() != null) {
      claims.add(TENANT, caller.tenantId());
    }
    if (caller.twoFactorEnrolmentOnly()) {
      claims.add(TWO_FACTOR_ENROLMENT_ONLY, true);
    }
    String header =
        b64(Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").build().toString());
    String payload = b64(claims.build().toString());
    String signingInput = header + "." + payload;
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput
          + "."
          + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RS256 signing failed", e);
    }
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static PrivateKey readPkcs8(Path pem) throws IOException, GeneralSecurityException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("not a PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
    }
    String body =
        text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
  }
}
