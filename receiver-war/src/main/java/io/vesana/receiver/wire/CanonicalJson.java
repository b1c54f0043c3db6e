package io.vesana.receiver.wire;

import io.vesana.contract.CheckResult;
import io.vesana.contract.DiscoveryUpload;
import io.vesana.contract.DiscoveryUpload.DiscoveredHost;
import io.vesana.contract.Heartbeat;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The stream entry body ({@code io.vesana.contract.IngestStream#F_BODY}): compact, snake_case,
 * times as epoch milliseconds, absent optionals omitted, members in a fixed order. Workers parse
 * one shape whatever the sender wrote (ISO or epoch times, a single result or a batch).
 */
final class CanonicalJson {

  // Provider lookup is a service-loader scan: do it once, the factory is thread-safe.
  private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

  private CanonicalJson() {}

  /**
   * The results body, written by hand into one builder: this runs for every accepted batch, and the
   * JSON-P generator cost about 7% of the receiver's CPU. Same text as the generator wrote ({@code
   * CanonicalJsonTest} compares them on generated input).
   */
  static String results(List<CheckResult> results) {
    StringBuilder out = new StringBuilder(256 * results.size());
    out.append("{\"results\":[");
    for (int i = 0; i < results.size(); i++) {
      CheckResult r = results.get(i);
      out.append(i == 0 ? "{" : ",{");
      member(out, "host", r.host());
      out.append(',');
      member(out, "service", r.service());
      out.append(",\"state\":").append(r.state().code()).append(',');
      member(out, "output", r.output());
      optional(out, "long_output", r.longOutput());
      optional(out, "perfdata", r.perfdata());
      out.append(",\"checked_at\":").append(r.checkedAt().toEpochMilli());
      if (r.executionMs() != null) {
        out.append(",\"execution_ms\":").append(r.executionMs().intValue());
      }
      optional(out, "idempotency_key", r.idempotencyKey());
      out.append('}');
    }
    return out.append("]}").toString();
  }

  private static void optional(StringBuilder out, String name, String value) {
    if (value != null) {
      out.append(',');
      member(out, name, value);
    }
  }

  private static void member(StringBuilder out, String name, String value) {
    out.append('"').append(name).append("\":");
    string(out, value);
  }

  /** A JSON string literal, escaped as JSON-P's generator does it. */
  static void string(StringBuilder out, String s) {
    out.append('"');
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, start, i);
      start = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    out.append(s, start, s.length()).append('"');
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  static String heartbeat(Heartbeat h) {
    StringWriter out = new StringWriter(160);
    try (JsonGenerator g = GENERATORS.createGenerator(out)) {
      g.writeStartObject()
          .write("sent_at", millis(h.sentAt()))
          .write("software_version", h.softwareVersion());
      optional(g, "hostname", h.hostname());
      optional(g, "os", h.os());
      optional(g, "arch", h.arch());
      g.writeEnd();
    }
    return out.toString();
  }

  static String discovery(DiscoveryUpload d) {
    StringWriter out = new StringWriter(128 + 96 * d.hosts().size());
    try (JsonGenerator g = GENERATORS.createGenerator(out)) {
      g.writeStartObject()
          .write("cidr", d.cidr())
          .write("started_at", millis(d.startedAt()))
          .write("finished_at", millis(d.finishedAt()))
          .writeStartArray("hosts");
      for (DiscoveredHost h : d.hosts()) {
        g.writeStartObject().write("address", h.address());
        optional(g, "hostname", h.hostname());
        optional(g, "sys_object_id", h.sysObjectId());
        optional(g, "sys_descr", h.sysDescr());
        g.writeStartArray("open_ports");
        h.openPorts().forEach(g::write);
        g.writeEnd().writeEnd();
      }
      g.writeEnd().writeEnd();
    }
    return out.toString();
  }

  private static long millis(Instant t) {
    return t.toEpochMilli();
  }

  private static void optional(JsonGenerator g, String name, String value) {
    if (value != null) {
      g.write(name, value);
    }
  }
}
