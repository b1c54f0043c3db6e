package io.vesana.receiver.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vesana.contract.ContractLimits;
import io.vesana.contract.GoldenSamples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WireParserTest {

  /** A minute after the golden samples were taken, so their times are inside the window. */
  static final Instant NOW = Instant.parse("2026-11-23T22:31:00Z");

  static final String OK_RESULT =
      "\"host\":\"h\",\"service\":\"s\",\"state\":0,\"output\":\"\",\"checked_at\":"
          + NOW.toEpochMilli();

  final WireParser parser = new WireParser(Clock.fixed(NOW, ZoneOffset.UTC));

  ParsedBody parse(MessageKind kind, String json) {
    return parser.parse(kind, in(json.getBytes(StandardCharsets.UTF_8)));
  }

  static InputStream in(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  InvalidBodyException invalid(MessageKind kind, byte[] body) {
    return catchThrowableOfType(InvalidBodyException.class, () -> parser.parse(kind, in(body)));
  }

  InvalidBodyException invalid(String resultsJson) {
    return invalid(MessageKind.RESULTS, resultsJson.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void goldenBatchBecomesCanonicalJson() {
    ParsedBody p = parse(MessageKind.RESULTS, GoldenSamples.v1("results-batch.json"));
    assertThat(p.items()).isEqualTo(2);
    assertThat(p.canonicalJson())
        .isEqualTo(
            "{\"results\":[{\"host\":\"web-01.example.net\",\"service\":\"disk /\",\"state\":1,"
                + "\"output\":\"DISK WARNING - free space: / 3812 MB (19% inode=92%)\","
                + "\"long_output\":\"/ 3812 MB free of 20000 MB\","
                + "\"perfdata\":\"/=16188MB;16000;18000;0;20000\",\"checked_at\":1795473000125,"
                + "\"execution_ms\":14,\"idempotency_key\":\"web-01/disk-root/1795473000125\"},"
                + "{\"host\":\"web-01.example.net\",\"service\":\"load\",\"state\":0,"
                + "\"output\":\"OK - load average: 0.12, 0.20, 0.18\",\"perfdata\":\"load1=0.120;"
                + "5.000;10.000;0; load5=0.200;4.000;8.000;0; load15=0.180;3.000;6.000;0;\","
                + "\"checked_at\":1795473000125}]}");
  }

  @Test
  void goldenSingleResultIsWrappedAsABatchOfOne() {
    ParsedBody p = parse(MessageKind.RESULTS, GoldenSamples.v1("result-single.json"));
    assertThat(p.items()).isEqualTo(1);
    assertThat(p.canonicalJson())
        .isEqualTo(
            "{\"results\":[{\"host\":\"ups-3\",\"service\":\"battery voltage\",\"state\":2,"
                + "\"output\":\"CRITICAL - battery 10.1 V\",\"perfdata\":\"'battery voltage'="
                + "10.1V;11.5;10.5;0;15\",\"checked_at\":1795473001000}]}");
  }

  @Test
  void goldenHeartbeatAndDiscovery() {
    assertThat(parse(MessageKind.HEARTBEAT, GoldenSamples.v1("heartbeat.json")).canonicalJson())
        .isEqualTo(
            "{\"sent_at\":1795473002000,\"software_version\":\"0.1.0\","
                + "\"hostname\":\"web-01.example.net\",\"os\":\"linux\",\"arch\":\"amd64\"}");
    assertThat(parse(MessageKind.DISCOVERY, GoldenSamples.v1("discovery.json")).canonicalJson())
        .isEqualTo(
            "{\"cidr\":\"192.0.2.0/24\",\"started_at\":1795471200000,\"finished_at\":1795471390000,"
                + "\"hosts\":[{\"address\":\"192.0.2.10\",\"hostname\":\"sw-core-1\","
                + "\"sys_object_id\":\"1.3.6.1.4.1.9.1.1208\",\"sys_descr\":\"Cisco IOS Software\","
                + "\"open_ports\":[22,161]},{\"address\":\"192.0.2.20\",\"open_ports\":[80,443]}]}");
  }

  @Test
  void goldenSamplesAreOnlyAcceptedOnTheirOwnEndpoint() {
    assertThat(invalid(GoldenSamples.v1("heartbeat.json")).violations())
        .extracting(Violation::pointer)
        .contains("/sent_at", "/software_version");
  }

  @Test
  void rtlCombiningAndAstralTextInOutputIsKeptVerbatim() {
    String output = "\u05e9\u05dc\u05d5\u05dd e\u0301 \u202eevil\u202c \ud83d\ude00 line1\nline2";
    String json =
        "{\"v\":1,\"host\":\"h\",\"service\":\"s\",\"state\":3,\"output\":\""
            + output.replace("\n", "\\n")
            + "\",\"checked_at\":\"2026-11-23T23:30:00+01:00\"}";
    ParsedBody p = parse(MessageKind.RESULTS, json);
    assertThat(p.canonicalJson()).contains(output.replace("\n", "\\n"));
    assertThat(p.canonicalJson()).contains("\"checked_at\":1795473000000");
  }

  @Test
  void negativeZeroIsTheIntegerZero() {
    ParsedBody p =
        parse(
            MessageKind.RESULTS,
            "{\"v\":1,\"results\":[{" + OK_RESULT.replace("\"state\":0", "\"state\":-0") + "}]}");
    assertThat(p.canonicalJson()).contains("\"state\":0");
  }

  @Test
  void reportsEveryViolationOfABatchByPointer() {
    String json =
        "{\"v\":1,\"results\":[{"
            + OK_RESULT
            + "},{\"host\":\"\",\"service\":\"s\",\"state\":7,\"output\":1,\"checked_at\":0,"
            + "\"colour\":\"red\"},{\"service\":\"s\",\"state\":0,\"output\":\"\","
            + "\"checked_at\":\"yesterday\"}]}";
    assertThat(invalid(json).violations())
        .containsExactly(
            new Violation("/results/1/host", "must not be blank"),
            new Violation("/results/1/state", "must be 0..3, was 7"),
            new Violation("/results/1/output", "must be a string, was a number"),
            new Violation(
                "/results/1/checked_at",
                "must be within 7 days before and 15 minutes after the server's clock"
                    + " (2026-11-16T22:31:00Z .. 2026-11-23T22:46:00Z), was 1970-01-01T00:00:00Z"),
            new Violation("/results/1/colour", "unknown field"),
            new Violation(
                "/results/2/checked_at",
                "must be ISO-8601 with a zone (e.g. 2026-01-31T12:00:00Z), was yesterday"),
            new Violation("/results/2/host", "required"));
  }

  @Test
  void violationListIsCapped() {
    StringBuilder b = new StringBuilder("{\"v\":1,\"results\":[");
    for (int i = 0; i < 100; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{")
          .append(OK_RESULT.replace("\"state\":0", "\"state\":9"))
          .append("}");
    }
    InvalidBodyException e = invalid(b.append("]}").toString());
    assertThat(e.violations()).hasSize(Violations.MAX_REPORTED);
    assertThat(e.truncated()).isTrue();
  }

  static Stream<Arguments> hostileResults() {
    String result = "{" + OK_RESULT + "}";
    return Stream.of(
        Arguments.of("empty body", "", ""),
        Arguments.of("whitespace only", "  \n ", ""),
        Arguments.of("garbage", "hello", ""),
        Arguments.of("truncated", "{\"v\":1,\"results\":[" + result, ""),
        Arguments.of("top-level array", "[" + result + "]", ""),
        Arguments.of("top-level string", "\"x\"", ""),
        Arguments.of("top-level number", "42", ""),
        Arguments.of("top-level null", "null", ""),
        Arguments.of("trailing content", "{\"v\":1,\"results\":[" + result + "]} {}", ""),
        Arguments.of("missing v", "{\"results\":[" + result + "]}", "/v"),
        Arguments.of("v 2", "{\"v\":2,\"results\":[" + result + "]}", "/v"),
        Arguments.of("v as string", "{\"v\":\"1\",\"results\":[" + result + "]}", "/v"),
        Arguments.of("empty batch", "{\"v\":1,\"results\":[]}", "/results"),
        Arguments.of("results not array", "{\"v\":1,\"results\":{}}", "/results"),
        Arguments.of("result not object", "{\"v\":1,\"results\":[1]}", "/results/0"),
        Arguments.of(
            "batch and inline fields", "{\"v\":1,\"host\":\"h\",\"results\":[" + result + "]}", ""),
        Arguments.of("no results at all", "{\"v\":1}", "/results"),
        Arguments.of(
            "duplicate key",
            "{\"v\":1,\"results\":[{" + OK_RESULT + ",\"state\":2}]}",
            "/results/0/state"),
        Arguments.of("duplicate v", "{\"v\":1,\"v\":1,\"results\":[" + result + "]}", "/v"),
        Arguments.of(
            "NaN",
            "{\"v\":1,\"results\":[{" + OK_RESULT.replace("\"state\":0", "\"state\":NaN") + "}]}",
            ""),
        Arguments.of(
            "Infinity",
            "{\"v\":1,\"results\":[{"
                + OK_RESULT.replace("\"state\":0", "\"state\":Infinity")
                + "}]}",
            ""),
        Arguments.of(
            "1e400",
            "{\"v\":1,\"results\":[{" + OK_RESULT.replace("\"state\":0", "\"state\":1e400") + "}]}",
            "/results/0/state"),
        Arguments.of(
            "fraction",
            "{\"v\":1,\"results\":[{" + OK_RESULT.replace("\"state\":0", "\"state\":1.0") + "}]}",
            "/results/0/state"),
        Arguments.of(
            "huge integer",
            "{\"v\":1,\"results\":[{"
                + OK_RESULT.replace("\"state\":0", "\"state\":" + "9".repeat(5000))
                + "}]}",
            "/results/0/state"),
        Arguments.of(
            "state as string",
            "{\"v\":1,\"results\":[{" + OK_RESULT.replace("\"state\":0", "\"state\":\"0\"") + "}]}",
            "/results/0/state"),
        Arguments.of(
            "state true",
            "{\"v\":1,\"results\":[{" + OK_RESULT.replace("\"state\":0", "\"state\":true") + "}]}",
            "/results/0/state"),
        Arguments.of(
            "state null",
            "{\"v\":1,\"results\":[{" + OK_RESULT.replace("\"state\":0", "\"state\":null") + "}]}",
            "/results/0/state"),
        Arguments.of(
            "host as object",
            "{\"v\":1,\"results\":[{"
                + OK_RESULT.replace("\"host\":\"h\"", "\"host\":{\"a\":[1]}")
                + "}]}",
            "/results/0/host"),
        Arguments.of(
            "host 256 chars",
            "{\"v\":1,\"results\":[{"
                + OK_RESULT.replace("\"host\":\"h\"", "\"host\":\"" + "h".repeat(256) + "\"")
                + "}]}",
            "/results/0/host"),
        Arguments.of(
            "NUL in host",
            "{\"v\":1,\"results\":[{"
                + OK_RESULT.replace("\"host\":\"h\"", "\"host\":\"a\\u0000b\"")
                + "}]}",
            "/results/0/host"),
        Arguments.of(
            "tab in service",
            "{\"v\":1,\"results\":[{"
                + OK_RESULT.replace("\"service\":\"s\"", "\"service\":\"a\\tb\"")
                + "}]}",
            "/results/0/service"),
        Arguments.of(
            "NUL in output",
            "{\"v\":1,\"results\":[{"
                + OK_RESULT.replace("\"output\":\"\"", "\"output\":\"\\u0000\"")
                + "}]}",
            "/results/0/output"),
        Arguments.of(
            "NUL in a field name",
            "{\"v\":1,\"results\":[{" + OK_RESULT + ",\"ho\\u0000st\":\"h\"}]}",
            "/results/0/ho\u0000st"),
        Arguments.of(
            "lone high surrogate",
            "{\"v\":1,\"results\":[{"
                + OK_RESULT.replace("\"output\":\"\"", "\"output\":\"\\ud800\"")
                + "}]}",
            "/results/0/output"),
        Arguments.of(
            "lone low surrogate",
            "{\"v\":1,\"results\":[{"
                + OK_RESULT.replace("\"output\":\"\"", "\"output\":\"x\\udc00y\"")
                + "}]}",
            "/results/0/output"),
        Arguments.of(
            "output too long",
            "{\"v\":1,\"results\":[{"
                + OK_RESULT.replace(
                    "\"output\":\"\"",
                    "\"output\":\"" + "o".repeat(ContractLimits.MAX_OUTPUT_CHARS + 1) + "\"")
                + "}]}",
            "/results/0/output"),
        Arguments.of(
            "missing output",
            "{\"v\":1,\"results\":[{" + OK_RESULT.replace("\"output\":\"\",", "") + "}]}",
            "/results/0/output"),
        Arguments.of(
            "checked_at too far ahead",
            "{\"v\":1,\"results\":[{"
                + OK_RESULT.replace(
                    "\"checked_at\":" + NOW.toEpochMilli(),
                    "\"checked_at\":\"2026-11-23T22:47:00Z\"")
                + "}]}",
            "/results/0/checked_at"),
        Arguments.of(
            "checked_at without zone",
            "{\"v\":1,\"results\":[{"
                + OK_RESULT.replace(
                    "\"checked_at\":" + NOW.toEpochMilli(),
                    "\"checked_at\":\"2026-11-23T22:30:00\"")
                + "}]}",
            "/results/0/checked_at"),
        Arguments.of(
            "negative execution_ms",
            "{\"v\":1,\"results\":[{" + OK_RESULT + ",\"execution_ms\":-1}]}",
            "/results/0/execution_ms"),
        Arguments.of(
            "idempotency key too long",
            "{\"v\":1,\"results\":[{"
                + OK_RESULT
                + ",\"idempotency_key\":\""
                + "k".repeat(129)
                + "\"}]}",
            "/results/0/idempotency_key"),
        Arguments.of(
            "unknown top-level field",
            "{\"v\":1,\"extra\":true,\"results\":[" + result + "]}",
            "/extra"),
        Arguments.of(
            "field name with slash",
            "{\"v\":1,\"a/b~c\":1,\"results\":[" + result + "]}",
            "/a~1b~0c"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileResults")
  void hostileResultBodiesAreRefusedWithAPointer(String name, String json, String pointer) {
    assertThat(invalid(json).violations()).extracting(Violation::pointer).contains(pointer);
  }

  @Test
  void deepNestingStopsAtTheDepthLimitWithoutRecursion() {
    String deep = "[".repeat(10_000);
    assertThat(invalid(deep).violations()).extracting(Violation::pointer).containsExactly("");
    InvalidBodyException e = invalid("{\"v\":1,\"x\":" + deep);
    assertThat(e.violations())
        .last()
        .extracting(Violation::reason)
        .isEqualTo("nested deeper than 8 levels");
    InvalidBodyException objects = invalid("{\"v\":1,\"x\":" + "{\"a\":".repeat(10_000));
    assertThat(objects.violations())
        .last()
        .extracting(Violation::reason)
        .isEqualTo("nested deeper than 8 levels");
  }

  @Test
  void bodyOverTheByteLimitIsTooLargeEvenInsideAString() {
    String huge = "{\"v\":1,\"results\":[{\"output\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}]}";
    assertThatThrownBy(() -> parse(MessageKind.RESULTS, huge))
        .isInstanceOf(BodyTooLargeException.class);
  }

  @Test
  void moreResultsThanABatchMayHoldAreRefused() {
    StringBuilder b = new StringBuilder("{\"v\":1,\"results\":[");
    for (int i = 0; i <= ContractLimits.MAX_RESULTS_PER_BATCH; i++) {
      b.append(i == 0 ? "" : ",").append("{").append(OK_RESULT).append("}");
    }
    assertThat(invalid(b.append("]}").toString()).violations())
        .containsExactly(new Violation("/results", "must hold at most 5000 results"));
  }

  @Test
  void aFullBatchIsAccepted() {
    StringBuilder b = new StringBuilder("{\"v\":1,\"results\":[");
    for (int i = 0; i < ContractLimits.MAX_RESULTS_PER_BATCH; i++) {
      b.append(i == 0 ? "" : ",").append("{").append(OK_RESULT).append("}");
    }
    assertThat(parse(MessageKind.RESULTS, b.append("]}").toString()).items()).isEqualTo(5000);
  }

  @Test
  void malformedUtf8AndBomAreRefused() throws Exception {
    byte[] valid = ("{\"v\":1,\"results\":[{" + OK_RESULT + "}]}").getBytes(StandardCharsets.UTF_8);
    for (byte[] bad :
        new byte[][] {
          {(byte) 0xC3, (byte) 0x28}, // invalid continuation
          {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // UTF-8 encoded surrogate
          {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
          {(byte) 0xFF},
          {(byte) 0xE2, (byte) 0x82} // truncated sequence
        }) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write("{\"v\":1,\"results\":[{\"output\":\"".getBytes(StandardCharsets.UTF_8));
      body.write(bad);
      body.write("\"}]}".getBytes(StandardCharsets.UTF_8));
      assertThat(invalid(MessageKind.RESULTS, body.toByteArray()).violations())
          .extracting(Violation::reason)
          .contains("not valid UTF-8");
    }
    ByteArrayOutputStream bom = new ByteArrayOutputStream();
    bom.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    bom.write(valid);
    assertThat(invalid(MessageKind.RESULTS, bom.toByteArray()).violations()).isNotEmpty();
    assertThat(invalid(MessageKind.RESULTS, new byte[] {(byte) 0xE2, (byte) 0x82}).violations())
        .isNotEmpty();
  }

  @Test
  void heartbeatAndDiscoveryRulesApply() {
    assertThat(
            invalid(
                    MessageKind.HEARTBEAT,
                    "{\"v\":1,\"software_version\":\"1\"}".getBytes(StandardCharsets.UTF_8))
                .violations())
        .containsExactly(new Violation("/sent_at", "required"));
    String discovery =
        "{\"v\":1,\"cidr\":\"10.0.0.0/8\",\"started_at\":\"2026-11-23T22:00:00Z\","
            + "\"finished_at\":\"2026-11-23T21:00:00Z\",\"hosts\":[{\"open_ports\":[70000,\"22\"]}]}";
    assertThat(
            invalid(MessageKind.DISCOVERY, discovery.getBytes(StandardCharsets.UTF_8)).violations())
        .extracting(Violation::pointer)
        .containsExactly("/hosts/0/open_ports/0", "/hosts/0/open_ports/1", "/finished_at");
  }
}
