package io.vesana.receiver.problems;

import io.vesana.receiver.wire.Violation;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.ws.rs.core.Response;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/** Builds the problem+json answers; {@code type} URIs are listed in docs/ingest-api.md. */
final class Problem {

  static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_PREFIX = "urn:vesana:problem:";
  private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

  private Problem() {}

  static Response.ResponseBuilder of(int status, String type, String title, String detail) {
    return of(status, type, title, detail, List.of(), Map.of());
  }

  /**
   * @param extra further top-level string members (e.g. {@code correlation_id})
   */
  static Response.ResponseBuilder of(
      int status,
      String type,
      String title,
      String detail,
      List<Violation> errors,
      Map<String, String> extra) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = GENERATORS.createGenerator(out)) {
      g.writeStartObject()
          .write("type", TYPE_PREFIX + type)
          .write("title", title)
          .write("status", status)
          .write("detail", detail);
      extra.forEach(g::write);
      if (!errors.isEmpty()) {
        g.writeStartArray("errors");
        for (Violation v : errors) {
          g.writeStartObject().write("pointer", v.pointer()).write("reason", v.reason()).writeEnd();
        }
        g.writeEnd();
      }
      g.writeEnd();
    }
    return Response.status(status).type(MEDIA_TYPE).entity(out.toString());
  }
}
