package io.vesana.notifications;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which alerts a rule is for. An object of optional lists, all of which must match (an absent list
 * matches everything): {@code severities} (warning, critical, unknown, down, unreachable), {@code
 * states} (0..3), {@code host_group_ids}, {@code host_ids}. The rule's tenant is implicit. Ids must
 * exist in the rule's tenant ({@link #hostGroupIds}, {@link #hostIds} for the service).
 */
public final class RuleMatch {

  public static final Set<String> SEVERITIES =
      Set.of("warning", "critical", "unknown", "down", "unreachable");
  private static final Set<String> KEYS =
      Set.of("severities", "states", "host_group_ids", "host_ids");

  private RuleMatch() {}

  public static void validate(JsonObject match) {
    for (String k : match.keySet()) {
      if (!KEYS.contains(k)) {
        throw bad(k, k + " is not a match field (severities, states, host_group_ids, host_ids)");
      }
    }
    for (Map.Entry<String, JsonValue> e : match.entrySet()) {
      if (e.getValue().getValueType() != JsonValue.ValueType.ARRAY
          || e.getValue().asJsonArray().size() > 100) {
        throw bad(e.getKey(), e.getKey() + " must be a list of at most 100 entries");
      }
      JsonArray a = e.getValue().asJsonArray();
      for (JsonValue v : a) {
        switch (e.getKey()) {
          case "severities" -> {
            if (!(v instanceof JsonString s) || !SEVERITIES.contains(s.getString())) {
              throw bad("severities", "severities must be among " + SEVERITIES);
            }
          }
          case "states" -> {
            if (!(v instanceof JsonNumber n)
                || !n.isIntegral()
                || n.intValue() < 0
                || n.intValue() > 3) {
              throw bad("states", "states must be numbers 0..3");
            }
          }
          default -> {
            if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 1) {
              throw bad(e.getKey(), e.getKey() + " must be positive integer ids");
            }
          }
        }
      }
    }
  }

  /**
   * Whether the validated {@code match} covers alert {@code a}. An absent or empty list matches
   * everything; {@code host_group_ids} matches a host in a listed group or in any group nested
   * below one.
   */
  public static boolean matches(JsonObject match, AlertFacts a) {
    return any(match, "severities", v -> ((JsonString) v).getString().equals(a.severity()))
        && any(match, "states", v -> ((JsonNumber) v).intValue() == a.state())
        && any(match, "host_ids", v -> ((JsonNumber) v).longValue() == a.hostId())
        && any(
            match, "host_group_ids", v -> a.hostGroupIds().contains(((JsonNumber) v).longValue()));
  }

  private static boolean any(JsonObject match, String k, Predicate<JsonValue> test) {
    JsonValue v = match.get(k);
    if (v == null || v.getValueType() != JsonValue.ValueType.ARRAY || v.asJsonArray().isEmpty()) {
      return true;
    }
    return v.asJsonArray().stream().anyMatch(test);
  }

  public static List<Long> hostGroupIds(JsonObject match) {
    return ids(match, "host_group_ids");
  }

  public static List<Long> hostIds(JsonObject match) {
    return ids(match, "host_ids");
  }

  private static List<Long> ids(JsonObject match, String k) {
    List<Long> out = new ArrayList<>();
    JsonValue v = match.get(k);
    if (v != null && v.getValueType() == JsonValue.ValueType.ARRAY) {
      v.asJsonArray().forEach(n -> out.add(((JsonNumber) n).longValue()));
    }
    return out;
  }

  static InvalidNotificationException bad(String k, String detail) {
    return new InvalidNotificationException("/match/" + k, detail);
  }
}
