package io.vesana.api.status;

import io.vesana.status.ResultView;
import io.vesana.status.SeriesPoint;
import io.vesana.status.ServiceStatusView;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;

/** JSON of status views; stored perfdata is passed through as the JSON it already is. */
public final class StatusJson {

  private static final String[] STATES = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};

  private StatusJson() {}

  public static JsonObject service(ServiceStatusView s) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", s.serviceId())
            .add("tenant_id", s.tenantId())
            .add("host_id", s.hostId())
            .add("host_name", s.hostName())
            .add("name", s.name())
            .add("state", s.pending() ? "PENDING" : STATES[s.state()])
            .add("state_code", s.state())
            .add("state_type", s.stateType())
            .add("attempt", s.attempt())
            .add("acknowledged", s.acknowledged())
            .add("in_downtime", s.inDowntime());
    time(b, "last_check_at", s.lastCheckAt());
    time(b, "last_change_at", s.lastChangeAt());
    text(b, "output", s.output());
    b.add("perfdata", json(s.perfdataJson()));
    return b.build();
  }

  static JsonObject result(ResultView r) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("checked_at", r.checkedAt().toString())
            .add("state", STATES[r.state()])
            .add("state_code", r.state())
            .add("state_type", r.stateType());
    text(b, "output", r.output());
    b.add("perfdata", json(r.perfdataJson()));
    if (r.executionMs() == null) {
      b.addNull("execution_ms");
    } else {
      b.add("execution_ms", r.executionMs());
    }
    return b.build();
  }

  static JsonObject point(SeriesPoint p) {
    return Json.createObjectBuilder()
        .add("at", p.at().toString())
        .add("min", p.min())
        .add("avg", p.avg())
        .add("max", p.max())
        .add("samples", p.samples())
        .build();
  }

  private static JsonValue json(String text) {
    if (text == null) {
      return JsonValue.NULL;
    }
    try (JsonReader r = Json.createReader(new StringReader(text))) {
      return r.readValue();
    }
  }

  private static void time(JsonObjectBuilder b, String k, Instant t) {
    if (t == null) {
      b.addNull(k);
    } else {
      b.add(k, t.toString());
    }
  }

  private static void text(JsonObjectBuilder b, String k, String v) {
    if (v == null) {
      b.addNull(k);
    } else {
      b.add(k, v);
    }
  }
}
