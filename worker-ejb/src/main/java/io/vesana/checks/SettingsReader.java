package io.vesana.checks;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the settings object of one check kind, collecting every error with a JSON pointer below
 * {@code base} (e.g. {@code /settings}), and refusing keys the kind does not know and keys that
 * look like secrets (those belong in a stored credential).
 */
final class SettingsReader {

  /** The same list as the database's {@code vesana_settings_without_secrets}. */
  static final Set<String> SECRET_KEYS =
      Set.of(
          "password",
          "passphrase",
          "secret",
          "community",
          "private_key",
          "auth_password",
          "priv_password",
          "auth_key",
          "priv_key",
          "token",
          "api_key",
          "bearer_token");

  private final JsonObject o;
  private final String base;
  private final String kind;
  private final List<FieldError> errors;
  private final Set<String> known = new HashSet<>();

  SettingsReader(JsonObject o, String base, String kind, List<FieldError> errors) {
    this.o = o;
    this.base = base;
    this.kind = kind;
    this.errors = errors;
  }

  String text(String k, int max, boolean required) {
    JsonValue v = value(k);
    if (v == null) {
      if (required) {
        error(k, k + " is required for a " + kind + " check");
      }
      return null;
    }
    if (!(v instanceof JsonString s) || s.getString().isBlank() || s.getString().length() > max) {
      error(k, k + " must be a non-blank string of at most " + max + " characters");
      return null;
    }
    return s.getString().strip();
  }

  String oneOf(String k, Set<String> allowed, String fallback) {
    String t = text(k, 40, false);
    if (t != null && !allowed.contains(t)) {
      error(k, k + " must be one of " + new java.util.TreeSet<>(allowed));
      return fallback;
    }
    return t == null ? fallback : t;
  }

  Integer integer(String k, int min, int max, Integer fallback) {
    JsonValue v = value(k);
    if (v == null) {
      return fallback;
    }
    if (v instanceof JsonNumber n
        && n.isIntegral()
        && n.longValue() >= min
        && n.longValue() <= max) {
      return n.intValue();
    }
    error(k, k + " must be an integer from " + min + " to " + max);
    return fallback;
  }

  /** A required integer; 0 stands in for a missing or invalid one (an error is recorded). */
  int requiredInteger(String k, int min, int max) {
    if (value(k) == null) {
      error(k, k + " is required for a " + kind + " check");
      return 0;
    }
    return integer(k, min, max, 0);
  }

  boolean bool(String k, boolean fallback) {
    JsonValue v = value(k);
    if (v == null) {
      return fallback;
    }
    if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
      return v == JsonValue.TRUE;
    }
    error(k, k + " must be true or false");
    return fallback;
  }

  List<String> strings(String k, int maxItems) {
    JsonValue v = value(k);
    if (v == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (v instanceof JsonArray a && a.size() <= maxItems) {
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i) instanceof JsonString s && s.getString().length() <= 1000) {
          out.add(s.getString());
        } else {
          errors.add(new FieldError(base + "/" + k + "/" + i, k + " items must be strings"));
        }
      }
      return out;
    }
    error(k, k + " must be an array of at most " + maxItems + " strings");
    return List.of();
  }

  void error(String k, String detail) {
    errors.add(new FieldError(base + "/" + k, detail));
  }

  /** Reports every key that was not read: unknown to the kind, or a secret. */
  void finish() {
    for (String k : o.keySet()) {
      if (SECRET_KEYS.contains(k)) {
        error(k, k + " is a secret: store it as a credential and set credential_id");
      } else if (!known.contains(k)) {
        error(k, k + " is not a setting of a " + kind + " check");
      }
    }
  }

  private JsonValue value(String k) {
    known.add(k);
    JsonValue v = o.get(k);
    return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v;
  }
}
