package io.vesana.receiver.wire;

// The JSON-P generator version of CanonicalJson.results, kept as the oracle CanonicalJsonTest
// compares the hand-written writer with.

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
final class ParssonCanonicalJsonOracle {

  // Provider lookup is a service-loader scan: do it once, the factory is thread-safe.
  private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

  private ParssonCanonicalJsonOracle() {}

  static String results(List<CheckResult> results) {
    StringWriter out = new StringWriter(256 * results.size());
    try (JsonGenerator g = GENERATORS.createGenerator(out)) {
      g.writeStartObject().writeStartArray("results");
      for (CheckResult r : results) {
        g.writeStartObject()
            .write("host", r.host())
            .write("service", r.service())
            .write("state", r.state().code())
            .write("output", r.output());
        optional(g, "long_output", r.longOutput());
        optional(g, "perfdata", r.perfdata());
        g.write("checked_at", r.checkedAt().toEpochMilli());
        if (r.executionMs() != null) {
          g.write("execution_ms", r.executionMs());
        }
        optional(g, "idempotency_key", r.idempotencyKey());
        g.writeEnd();
      }
      g.writeEnd().writeEnd();
    }
    return out.toString();
  }

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
