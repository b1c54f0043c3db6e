package io.vesana.api.problems;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.Map;

/** The JSON of a problem, built with JSON-P so that no field is ever serialised by reflection. */
final class ProblemBody {

  private ProblemBody() {}

  static String of(Problem p) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("type", p.type())
            .add("title", p.title())
            .add("status", p.status());
    if (p.getMessage() != null) {
      b.add("detail", p.getMessage());
    }
    p.extra().forEach((k, v) -> b.add(k, value(v)));
    return b.build().toString();
  }

  private static JsonValue value(Object v) {
    if (v == null) {
      return JsonValue.NULL;
    }
    if (v instanceof JsonValue j) {
      return j;
    }
    if (v instanceof Number n) {
      return Json.createValue(n.longValue());
    }
    if (v instanceof Boolean b) {
      return b ? JsonValue.TRUE : JsonValue.FALSE;
    }
    if (v instanceof Collection<?> c) {
      var a = Json.createArrayBuilder();
      c.forEach(x -> a.add(value(x)));
      return a.build();
    }
    if (v instanceof Map<?, ?> m) {
      var o = Json.createObjectBuilder();
      m.forEach((k, x) -> o.add(String.valueOf(k), value(x)));
      return o.build();
    }
    return Json.createValue(String.valueOf(v));
  }
}
