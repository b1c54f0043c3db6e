package io.vesana.api;

import static io.vesana.api.ApiClient.json;
import static io.vesana.api.ApiFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.File;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two-factor authentication over REST, on the WAR as built: enrolment and confirmation, login with
 * a TOTP code (computed here with plain HMAC-SHA1, independently of the server's library) or a
 * recovery code, replay refusal, turning it off, and the enforced policy that lets a user who must
 * use two-factor in only to enrol. Tenants and users of its own ({@code initech}, {@code
 * umbrella}), so it shares the database with {@link ApiIT} without touching its data.
 */
@ExtendWith(ArquillianExtension.class)
class TwoFactorIT {

  private static final String PETER = "peter@initech.example";
  private static final String SAMIR = "samir@initech.example";
  private static final String MILTON = "milton@initech.example";
  private static final String ALICE = "alice@umbrella.example";

  private static boolean seeded;
  private static long peterId;

  @ArquillianResource URL base;

  ApiClient api;

  @Deployment(testable = false)
  static WebArchive api() throws Exception {
    ApiFixture.prepare();
    return ShrinkWrap.create(ZipImporter.class, "vesana-api.war")
        .importFrom(new File("target/vesana-api.war"))
        .as(WebArchive.class);
  }

  @BeforeEach
  void seed() throws SQLException {
    api = new ApiClient(base);
    synchronized (TwoFactorIT.class) {
      if (seeded) {
        return;
      }
      seeded = true;
      long initech = ApiFixture.tenant("initech");
      peterId = ApiFixture.user(initech, PETER, "viewer");
      ApiFixture.user(initech, SAMIR, "viewer");
      long milton = ApiFixture.user(initech, MILTON, "operator");
      ApiFixture.id("UPDATE users SET require_2fa = true WHERE id = ? RETURNING id", milton);
      long umbrella = ApiFixture.tenant("umbrella");
      ApiFixture.user(umbrella, ALICE, "viewer");
      ApiFixture.id(
          "INSERT INTO tenant_settings (tenant_id, key, value)"
              + " VALUES (?, 'security.require_2fa', 'true'::jsonb) RETURNING tenant_id",
          umbrella);
    }
  }

  // --- the whole life of a second factor ----------------------------------------------------

  @Test
  void enrolConfirmLogInWithCodesAndTurnItOff() throws Exception {
    JsonObject firstLogin = login(PETER, null, 200);
    String token = firstLogin.getString("access_token");

    // Starting again replaces the pending secret: the first one no longer confirms.
    String abandoned =
        json(expect(api.send("POST", "me/two-factor", token, null), 200)).getString("secret");
    HttpResponse<String> started = expect(api.send("POST", "me/two-factor", token, null), 200);
    assertThat(started.headers().firstValue("Cache-Control")).hasValue("no-store");
    String secret = json(started).getString("secret");
    assertThat(secret).isNotEqualTo(abandoned).matches("[A-Z2-7]{32}");
    assertThat(json(started).getString("otpauth_uri"))
        .startsWith("otpauth://totp/Vesana:peter%40initech.example?secret=" + secret)
        .contains("&issuer=Vesana");
    assertThat(storedCiphertextText()).doesNotContain(secret);

    long step = currentStep();
    problem(confirm(token, code(abandoned, step)), 400, "urn:vesana:problem:invalid-request");

    HttpResponse<String> confirmed = expect(confirm(token, code(secret, step)), 200);
    assertThat(confirmed.headers().firstValue("Cache-Control")).hasValue("no-store");
    List<String> recovery =
        json(confirmed).getJsonArray("recovery_codes").getValuesAs(JsonString.class).stream()
            .map(JsonString::getString)
            .toList();
    assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
    problem(
        api.send("POST", "me/two-factor", token, null),
        409,
        "urn:vesana:problem:two-factor-already-enabled");

    // Enrolment ended the sessions opened without the second factor.
    HttpResponse<String> refresh =
        api.send(
            "POST",
            "auth/refresh",
            null,
            "{\"refresh_token\":\"" + firstLogin.getString("refresh_token") + "\"}");
    assertThat(refresh.statusCode()).isEqualTo(401);

    problem(loginResponse(PETER, null), 401, "urn:vesana:problem:second-factor-required");
    // The code that confirmed is used up; the next step's code logs in, once.
    problem(
        loginResponse(PETER, code(secret, step)), 401, "urn:vesana:problem:invalid-credentials");
    String next = code(secret, step + 1);
    String fullToken = login(PETER, next, 200).getString("access_token");
    expect(api.send("GET", "hosts", fullToken, null), 200);
    problem(loginResponse(PETER, next), 401, "urn:vesana:problem:invalid-credentials");

    // A recovery code works once, typed in any case.
    login(PETER, recovery.get(0).toUpperCase(Locale.ROOT), 200);
    problem(loginResponse(PETER, recovery.get(0)), 401, "urn:vesana:problem:invalid-credentials");

    HttpResponse<String> wrong = disable(fullToken, wrongCode(secret, step));
    problem(wrong, 400, "urn:vesana:problem:invalid-request");
    assertThat(json(wrong).getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/code");
    problem(disable(fullToken, "zzzz-zzzz-zzzz"), 400, "urn:vesana:problem:invalid-request");

    expect(disable(fullToken, recovery.get(1)), 204);
    login(PETER, null, 200);
    assertThat(
            ApiFixture.id(
                "SELECT count(*) FROM users WHERE id = ? AND NOT totp_enabled"
                    + " AND totp_secret_ciphertext IS NULL",
                peterId))
        .isEqualTo(1);
    assertThat(ApiFixture.id("SELECT count(*) FROM user_recovery_codes WHERE user_id = ?", peterId))
        .isZero();

    assertThat(auditActions(peterId))
        .containsExactly(
            "user.two_factor.enrolment_started",
            "user.two_factor.enrolment_started",
            "user.two_factor.enabled",
            "user.two_factor.disabled");
    // Secrets and recovery codes appear in no audit row at all; six-digit codes are checked
    // against the two-factor rows only (other rows hold timestamps with six-digit fractions).
    List<String> secrets = new ArrayList<>(List.of(abandoned, secret));
    secrets.addAll(recovery);
    secrets.addAll(recovery.stream().map(c -> c.replace("-", "")).toList());
    String everything = auditImages("true");
    for (String s : secrets) {
      assertThat(everything).as("the audit log shows no secret or code").doesNotContain(s);
    }
    String twoFactorRows = auditImages("action LIKE 'user.two\\_factor.%'");
    assertThat(twoFactorRows).contains("totp_enabled").doesNotContain(next, code(secret, step));
  }

  @Test
  void wrongCodesAndMalformedBodiesAreRefusedWithPointers() throws Exception {
    String token = login(SAMIR, null, 200).getString("access_token");
    problem(confirm(token, "123456"), 409, "urn:vesana:problem:two-factor-not-started");
    problem(disable(token, "123456"), 409, "urn:vesana:problem:two-factor-not-enabled");

    String secret =
        json(expect(api.send("POST", "me/two-factor", token, null), 200)).getString("secret");
    HttpResponse<String> wrong = confirm(token, wrongCode(secret, currentStep()));
    problem(wrong, 400, "urn:vesana:problem:invalid-request");
    assertThat(wrong.body()).contains("\"pointer\":\"/code\"");
    for (String body : new String[] {"{}", "{\"code\":123456}", "{\"code\":\" \"}"}) {
      HttpResponse<String> r = api.send("POST", "me/two-factor/confirm", token, body);
      problem(r, 400, "urn:vesana:problem:invalid-request");
      assertThat(r.body()).as(body).contains("\"pointer\":\"/code\"");
    }
    HttpResponse<String> extra =
        api.send("POST", "me/two-factor/confirm", token, "{\"code\":\"1\",\"secret\":\"x\"}");
    assertThat(extra.body()).contains("\"pointer\":\"/secret\"");
    assertThat(
            ApiFixture.id("SELECT count(*) FROM users WHERE email = ? AND NOT totp_enabled", SAMIR))
        .as("still off")
        .isEqualTo(1);

    problem(api.send("POST", "me/two-factor", null, null), 401, "urn:vesana:problem:unauthorized");
  }

  // --- enforcement --------------------------------------------------------------------------

  @Test
  void aUserWhoMustUseTwoFactorMayOnlyEnrolUntilTheyLogInWithIt() throws Exception {
    JsonObject restricted = login(MILTON, null, 200);
    String token = restricted.getString("access_token");
    String enrolmentRequired = "urn:vesana:problem:two-factor-enrolment-required";
    problem(api.send("GET", "hosts", token, null), 403, enrolmentRequired);
    problem(api.send("POST", "hosts", token, "{\"name\":\"stapler\"}"), 403, enrolmentRequired);

    // Refreshing does not lift the restriction.
    HttpResponse<String> refreshed =
        expect(
            api.send(
                "POST",
                "auth/refresh",
                null,
                "{\"refresh_token\":\"" + restricted.getString("refresh_token") + "\"}"),
            200);
    problem(
        api.send("GET", "hosts", json(refreshed).getString("access_token"), null),
        403,
        enrolmentRequired);

    String secret =
        json(expect(api.send("POST", "me/two-factor", token, null), 200)).getString("secret");
    long step = currentStep();
    List<String> recovery =
        json(expect(confirm(token, code(secret, step)), 200))
            .getJsonArray("recovery_codes")
            .getValuesAs(JsonString.class)
            .stream()
            .map(JsonString::getString)
            .toList();
    // The token stays what it was; logging in again with the second factor gives full access.
    problem(api.send("GET", "hosts", token, null), 403, enrolmentRequired);
    problem(loginResponse(MILTON, null), 401, "urn:vesana:problem:second-factor-required");
    String full = login(MILTON, code(secret, step + 1), 200).getString("access_token");
    expect(api.send("GET", "hosts", full, null), 200);

    // Required means it cannot be turned off, not even with a valid code.
    problem(disable(full, recovery.get(0)), 409, "urn:vesana:problem:two-factor-required");
  }

  @Test
  void theTenantSettingRequiresTwoFactorOfEveryoneInTheTenant() throws Exception {
    String token = login(ALICE, null, 200).getString("access_token");
    problem(
        api.send("GET", "hosts", token, null),
        403,
        "urn:vesana:problem:two-factor-enrolment-required");
    expect(api.send("POST", "me/two-factor", token, null), 200);
  }

  // --- TOTP, computed independently of the server (RFC 6238 with HMAC-SHA1, RFC 4648 Base32) --

  static long currentStep() {
    return Instant.now().getEpochSecond() / 30;
  }

  static String code(String base32Secret, long step) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
    byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
    int offset = h[h.length - 1] & 0x0f;
    int binary = ByteBuffer.wrap(h, offset, 4).getInt() & 0x7fffffff;
    String digits = Integer.toString(binary % 1_000_000);
    return "0".repeat(6 - digits.length()) + digits;
  }

  /** Six digits that are no code of the steps around {@code step}. */
  static String wrongCode(String secret, long step) throws Exception {
    Set<String> valid = new HashSet<>();
    for (long s = step - 2; s <= step + 2; s++) {
      valid.add(code(secret, s));
    }
    int candidate = Integer.parseInt(code(secret, step));
    String wrong;
    do {
      candidate = (candidate + 1) % 1_000_000;
      String digits = Integer.toString(candidate);
      wrong = "0".repeat(6 - digits.length()) + digits;
    } while (valid.contains(wrong));
    return wrong;
  }

  static byte[] base32(String s) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    byte[] out = new byte[s.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (char ch : s.toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(ch);
      bits += 5;
      if (bits >= 8) {
        out[n++] = (byte) (buffer >> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }

  // --- HTTP and database --------------------------------------------------------------------

  HttpResponse<String> loginResponse(String email, String code) throws Exception {
    var body = Json.createObjectBuilder().add("email", email).add("password", PASSWORD);
    if (code != null) {
      body.add("totp_code", code);
    }
    return api.send("POST", "auth/login", null, body.build().toString());
  }

  JsonObject login(String email, String code, int status) throws Exception {
    return json(expect(loginResponse(email, code), status));
  }

  HttpResponse<String> confirm(String token, String code) throws Exception {
    return api.send("POST", "me/two-factor/confirm", token, codeBody(code));
  }

  HttpResponse<String> disable(String token, String code) throws Exception {
    return api.send("DELETE", "me/two-factor", token, codeBody(code));
  }

  static String codeBody(String code) {
    return Json.createObjectBuilder().add("code", code).build().toString();
  }

  static HttpResponse<String> expect(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return r;
  }

  static void problem(HttpResponse<String> r, int status, String type) {
    expect(r, status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(r).getString("type")).as(r.body()).isEqualTo(type);
  }

  /** Peter's stored ciphertext, as Latin-1 text and Base64, to search for the plain secret. */
  static String storedCiphertextText() throws SQLException {
    try (Connection c = ApiFixture.connect(ApiFixture.DATABASE);
        PreparedStatement ps =
            c.prepareStatement("SELECT totp_secret_ciphertext FROM users WHERE id = ?")) {
      ps.setLong(1, peterId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        byte[] stored = rs.getBytes(1);
        assertThat(stored).isNotNull();
        return new String(stored, StandardCharsets.ISO_8859_1)
            + " "
            + Base64.getEncoder().encodeToString(stored);
      }
    }
  }

  static List<String> auditActions(long userId) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = ApiFixture.connect(ApiFixture.DATABASE);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT action FROM audit_log WHERE entity_type = 'user' AND entity_id = ?"
                    + " ORDER BY id")) {
      ps.setString(1, Long.toString(userId));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /** The images and labels of the audit rows matching {@code where}, as text. */
  static String auditImages(String where) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = ApiFixture.connect(ApiFixture.DATABASE);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT concat_ws(' ', action, entity_id, actor_label, before::text, after::text)"
                    + " FROM audit_log WHERE "
                    + where);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.append(rs.getString(1)).append('\n');
      }
    }
    return out.toString();
  }
}
