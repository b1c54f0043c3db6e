package io.vesana.receiver.wire;

import io.vesana.contract.ContractLimits;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.util.HashSet;
import java.util.Set;

/**
 * A strict walk over a {@link JsonParser}: enforces {@link ContractLimits#MAX_JSON_DEPTH}, reports
 * unknown and duplicate members, and skips the value of a refused member with the same depth bound
 * (so a rejected field cannot smuggle in 10,000 nested arrays). Values are read by {@link
 * FieldReader}.
 */
final class JsonCursor {

  /**
   * Called once per allowed, first-seen member; must consume the value that starts with {@code e}.
   */
  @FunctionalInterface
  interface MemberHandler {
    void member(String name, String pointer, Event e);
  }

  private final JsonParser parser;
  private final Violations violations;
  private int depth;

  JsonCursor(JsonParser parser, Violations violations) {
    this.parser = parser;
    this.violations = violations;
  }

  Violations violations() {
    return violations;
  }

  JsonParser parser() {
    return parser;
  }

  Event next(String pointer) {
    Event e = parser.next();
    if (e == Event.START_OBJECT || e == Event.START_ARRAY) {
      depth++;
      if (depth > ContractLimits.MAX_JSON_DEPTH) {
        throw violations.fatal(
            pointer, "nested deeper than " + ContractLimits.MAX_JSON_DEPTH + " levels");
      }
    } else if (e == Event.END_OBJECT || e == Event.END_ARRAY) {
      depth--;
    }
    return e;
  }

  /** Reads the members of an object whose START_OBJECT was just consumed, up to its END_OBJECT. */
  void members(String pointer, Set<String> allowed, MemberHandler handler) {
    Set<String> seen = new HashSet<>();
    for (Event e = next(pointer); e != Event.END_OBJECT; e = next(pointer)) {
      String name = parser.getString();
      String at = Violations.child(pointer, name);
      Event value = next(at);
      if (!allowed.contains(name)) {
        violations.add(at, "unknown field");
        skip(value, at);
      } else if (!seen.add(name)) {
        violations.add(at, "duplicate field");
        skip(value, at);
      } else {
        handler.member(name, at, value);
      }
    }
  }

  /** Consumes the rest of a value whose first event is {@code first}. */
  void skip(Event first, String pointer) {
    if (first != Event.START_OBJECT && first != Event.START_ARRAY) {
      return;
    }
    int target = depth - 1;
    while (depth > target) {
      next(pointer);
    }
  }

  /** Refuses a value of the wrong JSON type, naming the expected one, and skips it. */
  void wrongType(Event e, String pointer, String expected) {
    violations.add(pointer, "must be " + expected + ", was " + describe(e));
    skip(e, pointer);
  }

  static String describe(Event e) {
    return switch (e) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> e.name();
    };
  }
}
