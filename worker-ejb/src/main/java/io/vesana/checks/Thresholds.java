package io.vesana.checks;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Nagios-style threshold ranges per perfdata label, e.g. {@code {"load1": "5", "free": "@0:10"}}.
 */
public final class Thresholds {

  private static final String NUM = "[-+]?[0-9]+(\\.[0-9]+)?";
  private static final Pattern RANGE = Pattern.compile("^@?(" + NUM + "|~)?(:(" + NUM + ")?)?$");

  private Thresholds() {}

  /** Adds an error below {@code pointer} for every label whose range is not a Nagios range. */
  public static void check(JsonObject t, String pointer, List<FieldError> errors) {
    if (t == null) {
      return;
    }
    if (t.size() > 50) {
      errors.add(new FieldError(pointer, "at most 50 threshold labels"));
    }
    for (var e : t.entrySet()) {
      JsonValue v = e.getValue();
      if (!(v instanceof JsonString s)
          || s.getString().isEmpty()
          || !RANGE.matcher(s.getString()).matches()) {
        errors.add(
            new FieldError(
                pointer + "/" + e.getKey(),
                "threshold must be a Nagios range such as \"10\", \"@0:10\" or \"~:5\""));
      }
    }
  }
}
