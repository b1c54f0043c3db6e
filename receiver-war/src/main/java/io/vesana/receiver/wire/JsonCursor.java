package io.vesana.receiver.wire;

import io.vesana.contract.ContractLimits;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;

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
    void member(String name, Pointer pointer, Event e);
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

  Event next(Pointer pointer) {
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
  void members(Pointer pointer, FieldNames allowed, MemberHandler handler) {
    long seen = 0;
    for (Event e = next(pointer); e != Event.END_OBJECT; e = next(pointer)) {
      String name = parser.getString();
      Pointer at = pointer.child(name);
      Event value = next(at);
      long bit = allowed.bit(name);
      if (bit == 0) {
        violations.add(at, "unknown field");
        skip(value, at);
      } else if ((seen & bit) != 0) {
        violations.add(at, "duplicate field");
        skip(value, at);
      } else {
        seen |= bit;
        handler.member(name, at, value);
      }
    }
  }

  /** Consumes the rest of a value whose first event is {@code first}. */
  void skip(Event first, Pointer pointer) {
    if (first != Event.START_OBJECT && first != Event.START_ARRAY) {
      return;
    }
    int target = depth - 1;
    while (depth > target) {
      next(pointer);
    }
  }

  /** Refuses a value of the wrong JSON type, naming the expected one, and skips it. */
  void wrongType(Event e, Pointer pointer, String expected) {
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
