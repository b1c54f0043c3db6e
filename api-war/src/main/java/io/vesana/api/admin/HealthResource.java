package io.vesana.api.admin;

import io.vesana.admin.SelfTestState;
import io.vesana.admin.SystemHealth;
import io.vesana.admin.SystemHealth.Probe;
import io.vesana.api.auth.Access;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code GET /v1/admin/health}: PostgreSQL and Redis reachability and latency, the ingest stream's
 * length, undelivered entries and dead letters, watchers' last runs, and the pipeline self-test
 * (status ok, pending, failing or not_started; the last synthetic result's lag). Super admins only:
 * it describes the whole installation. Always 200 while the API runs; each part says whether it is
 * up.
 */
@Path("admin/health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  @Inject Access access;
  @Inject SystemHealth health;

  @GET
  public JsonObject get() {
    access.requireSuperAdmin();
    SystemHealth.Snapshot s = health.snapshot();
    JsonObjectBuilder watchers = Json.createObjectBuilder();
    s.watchers()
        .forEach(
            (name, last) ->
                watchers.add(
                    name,
                    Json.createObjectBuilder()
                        .add(
                            "last_run_at",
                            last.map(i -> Json.createValue(i.toString()))
                                .map(v -> (jakarta.json.JsonValue) v)
                                .orElse(jakarta.json.JsonValue.NULL))));
    JsonObjectBuilder ingest = Json.createObjectBuilder();
    number(ingest, "length", s.ingest().length());
    number(ingest, "lag", s.ingest().lag());
    number(ingest, "dead_letters", s.ingest().deadLetters());
    ingest.add("up", s.ingest().error() == null);
    if (s.ingest().error() != null) {
      ingest.add("error", s.ingest().error());
    }
    return Json.createObjectBuilder()
        .add("database", probe(s.database()))
        .add("redis", probe(s.redis()))
        .add("ingest", ingest)
        .add("watchers", watchers)
        .add("self_test", selfTest(s.selfTest()))
        .build();
  }

  /** The pipeline self-test: verdict, last lag, and the probe still awaited. */
  private static JsonObject selfTest(SystemHealth.SelfTest t) {
    JsonObjectBuilder b = Json.createObjectBuilder();
    if (t.status() == null) {
      return b.add("status", "unknown").add("error", t.error()).build();
    }
    SelfTestState s = t.status().state();
    b.add("status", t.status().verdict().name().toLowerCase(Locale.ROOT))
        .add("detail", t.status().detail())
        .add("timeout_seconds", t.status().timeout().toSeconds());
    number(b, "last_lag_ms", s.lastLagMs());
    time(b, "last_seen_at", s.lastSeenAt());
    time(b, "probe_sent_at", s.outstanding());
    time(b, "failing_since", s.failingSince());
    return b.build();
  }

  private static void time(JsonObjectBuilder b, String k, Instant v) {
    if (v == null) {
      b.addNull(k);
    } else {
      b.add(k, v.toString());
    }
  }

  private static JsonObject probe(Probe p) {
    JsonObjectBuilder b = Json.createObjectBuilder().add("up", p.up());
    number(b, "latency_ms", p.latencyMs());
    if (p.error() != null) {
      b.add("error", p.error());
    }
    return b.build();
  }

  private static void number(JsonObjectBuilder b, String k, Long v) {
    if (v == null) {
      b.addNull(k);
    } else {
      b.add(k, v);
    }
  }
}
