package io.vesana.auth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vesana.auth.twofactor.internal.Base32;
import io.vesana.auth.twofactor.internal.OtpCodes;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

  /** The SHA1 seed of RFC 6238 Appendix B. */
  private static final byte[] RFC_SECRET =
      "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  private final Totp totp = new Totp();

  @ParameterizedTest(name = "t={0}")
  @CsvSource({
    "59, 94287082",
    "1111111109, 07081804",
    "1111111111, 14050471",
    "1234567890, 89005924",
    "2000000000, 69279037"
  })
  void matchesTheRfc6238Sha1Vectors(long epochSecond, String eightDigits) {
    String sixDigits = eightDigits.substring(2);
    Instant t = Instant.ofEpochSecond(epochSecond);

    assertThat(new OtpCodes(Totp.TIME_STEP, 8).code(RFC_SECRET, Totp.timeStep(t)))
        .isEqualTo(eightDigits);
    assertThat(new OtpCodes(Totp.TIME_STEP, 6).code(RFC_SECRET, Totp.timeStep(t)))
        .isEqualTo(sixDigits);
    assertThat(totp.verify(RFC_SECRET, sixDigits, t)).isTrue();
  }

  @Test
  void acceptsOneStepOfDriftEitherWayButNotTwo() {
    Instant t = Instant.ofEpochSecond(1111111109);
    String code = "081804";

    assertThat(totp.verify(RFC_SECRET, code, t.minusSeconds(30))).as("-1 step").isTrue();
    assertThat(totp.verify(RFC_SECRET, code, t.plusSeconds(30))).as("+1 step").isTrue();
    assertThat(totp.verify(RFC_SECRET, code, t.minusSeconds(60))).as("-2 steps").isFalse();
    assertThat(totp.verify(RFC_SECRET, code, t.plusSeconds(60))).as("+2 steps").isFalse();
    assertThat(totp.verify(RFC_SECRET, "081805", t)).as("wrong code").isFalse();
  }

  @Test
  void malformedCodesAreFalseNotExceptions() {
    Instant t = Instant.ofEpochSecond(59);
    for (String bad :
        new String[] {
          null,
          "",
          "12345",
          "abcdef",
          "2870820",
          "94287082",
          " 287082",
          "287 082",
          "２８７０８２",
          "٢٨٧٠٨٢"
        }) {
      assertThat(totp.verify(RFC_SECRET, bad, t)).as(String.valueOf(bad)).isFalse();
    }
  }

  @Test
  void aSecretIsRequired() {
    Instant t = Instant.ofEpochSecond(59);
    assertThatThrownBy(() -> totp.verify(null, "287082", t))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> totp.verify(new byte[0], "287082", t))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aUsedStepIsNotAcceptedAgain() {
    Instant t = Instant.ofEpochSecond(1234567890);
    long step = Totp.timeStep(t);

    OptionalLong first = totp.acceptedStep(RFC_SECRET, "005924", t, Totp.NO_STEP_USED);
    assertThat(first).hasValue(step);
    assertThat(totp.acceptedStep(RFC_SECRET, "005924", t, first.getAsLong()))
        .as("same code again")
        .isEmpty();
    assertThat(totp.acceptedStep(RFC_SECRET, "005924", t.plusSeconds(30), first.getAsLong()))
        .as("same code, next step, still inside the drift window")
        .isEmpty();
    assertThat(totp.acceptedStep(RFC_SECRET, "005924", t, step - 1))
        .as("a later step than the last used one")
        .hasValue(step);

    String nextCode = new OtpCodes(Totp.TIME_STEP, 6).code(RFC_SECRET, step + 1);
    assertThat(totp.acceptedStep(RFC_SECRET, nextCode, t.plusSeconds(30), step))
        .as("the next step's code")
        .hasValue(step + 1);
  }

  @Test
  void enrolmentHasA20ByteSecretAndItsBase32() {
    TotpEnrolment e = totp.newEnrolment("alice@example.com", "Vesana");

    assertThat(e.secret()).hasSize(20);
    assertThat(e.secretBase32()).hasSize(32).matches("[A-Z2-7]+");
    assertThat(e.secretBase32()).isEqualTo(Base32.encode(e.secret()));
    assertThat(totp.newEnrolment("alice@example.com", "Vesana").secret()).isNotEqualTo(e.secret());
    assertThat(e.toString()).doesNotContain(e.secretBase32()).contains("redacted");

    Instant now = Instant.now();
    String code = new OtpCodes(Totp.TIME_STEP, 6).code(e.secret(), Totp.timeStep(now));
    assertThat(totp.verify(e.secret(), code, now)).isTrue();
  }

  @Test
  void base32FollowsRfc4648() {
    // RFC 4648 §10 test vectors, without padding.
    assertThat(Base32.encode(bytes(""))).isEmpty();
    assertThat(Base32.encode(bytes("f"))).isEqualTo("MY");
    assertThat(Base32.encode(bytes("fo"))).isEqualTo("MZXQ");
    assertThat(Base32.encode(bytes("foo"))).isEqualTo("MZXW6");
    assertThat(Base32.encode(bytes("foob"))).isEqualTo("MZXW6YQ");
    assertThat(Base32.encode(bytes("fooba"))).isEqualTo("MZXW6YTB");
    assertThat(Base32.encode(bytes("foobar"))).isEqualTo("MZXW6YTBOI");
    assertThat(Base32.encode(RFC_SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  }

  @Test
  void otpauthUriParsesBackWithAllParameters() {
    TotpEnrolment e = totp.newEnrolment("alice@example.com", "Vesana");
    URI uri = URI.create(e.otpauthUri());

    assertThat(uri.getScheme()).isEqualTo("otpauth");
    assertThat(uri.getHost()).isEqualTo("totp");
    assertThat(uri.getPath()).isEqualTo("/Vesana:alice@example.com");
    assertThat(query(uri))
        .containsExactly(
            Map.entry("secret", e.secretBase32()),
            Map.entry("issuer", "Vesana"),
            Map.entry("algorithm", "SHA1"),
            Map.entry("digits", "6"),
            Map.entry("period", "30"));
  }

  @Test
  void specialCharactersArePercentEncoded() {
    TotpEnrolment e =
        totp.newEnrolment("o'brien+ops/x&y=1?#ü ß@example.com", "ACME Monitoring & Co");
    URI uri = URI.create(e.otpauthUri());

    assertThat(e.otpauthUri())
        .startsWith(
            "otpauth://totp/ACME%20Monitoring%20%26%20Co:"
                + "o%27brien%2Bops%2Fx%26y%3D1%3F%23%C3%BC%20%C3%9F%40example.com?")
        .doesNotContain("+");
    assertThat(uri.getPath()).isEqualTo("/ACME Monitoring & Co:o'brien+ops/x&y=1?#ü ß@example.com");
    assertThat(query(uri)).containsEntry("issuer", "ACME Monitoring & Co");
  }

  @Test
  void labelPartsMustBeNonBlankAndColonFree() {
    assertThatThrownBy(() -> totp.newEnrolment("a:b@example.com", "Vesana"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> totp.newEnrolment("alice@example.com", "Ves:ana"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> totp.newEnrolment(" ", "Vesana"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> totp.newEnrolment("alice@example.com", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyTheAdapterPackageUsesTheOtpLibrary() throws IOException {
    Path sources = Path.of("src/main/java");
    Path adapter = sources.resolve("io/vesana/auth/twofactor/internal");
    try (Stream<Path> files = Files.walk(sources)) {
      List<Path> offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.getParent().equals(adapter))
              .filter(p -> read(p).contains("com.eatthepath"))
              .toList();
      assertThat(offenders).isEmpty();
    }
  }

  /** Query parameters in order, each value decoded (RFC 3986: '+' is a plus, not a space). */
  private static Map<String, String> query(URI uri) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          pair.substring(0, eq),
          URLDecoder.decode(pair.substring(eq + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    return params;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
