package io.vesana.receiver.wire;

import io.vesana.contract.ContractLimits;
import io.vesana.contract.WireContract;
import jakarta.json.stream.JsonParser.Event;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads one scalar member by the contract's rules. Each method returns {@code null} after recording
 * a violation, so the caller can keep reading and report several at once.
 */
final class FieldReader {

  private final JsonCursor cursor;
  private final Violations violations;
  private final Instant earliest;
  private final Instant latest;

  FieldReader(JsonCursor cursor, Instant now) {
    this.cursor = cursor;
    this.violations = cursor.violations();
    this.earliest = now.minus(ContractLimits.MAX_AGE);
    this.latest = now.plus(ContractLimits.MAX_CLOCK_SKEW);
  }

  /** A host, service or other identifier: non-blank, short, no control characters. */
  String name(Pointer pointer, Event e) {
    String s = text(pointer, e, ContractLimits.MAX_NAME_CHARS);
    if (s == null) {
      return null;
    }
    if (s.isBlank()) {
      violations.add(pointer, "must not be blank");
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        violations.add(pointer, "must not contain control characters (at index " + i + ")");
        return null;
      }
    }
    return s;
  }

  /**
   * Free text (plugin output, perfdata): may be empty and hold line breaks, but never NUL
   * (PostgreSQL text cannot store it) or an unpaired surrogate (not encodable as UTF-8).
   */
  String text(Pointer pointer, Event e, int maxChars) {
    if (e != Event.VALUE_STRING) {
      cursor.wrongType(e, pointer, "a string");
      return null;
    }
    String s = cursor.parser().getString();
    if (s.length() > maxChars && s.codePointCount(0, s.length()) > maxChars) {
      violations.add(pointer, "must be at most " + maxChars + " characters");
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        violations.add(pointer, "must not contain NUL (at index " + i + ")");
        return null;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        violations.add(pointer, "must not contain an unpaired surrogate (at index " + i + ")");
        return null;
      }
    }
    return s;
  }

  Long integer(Pointer pointer, Event e, long min, long max) {
    if (e != Event.VALUE_NUMBER) {
      cursor.wrongType(e, pointer, "an integer");
      return null;
    }
    // The lexeme, not getLong(): 1e400 or a 100,000-digit number must not be expanded.
    String lexeme = cursor.parser().getString();
    if (!isShortInteger(lexeme)) {
      violations.add(pointer, "must be an integer " + min + ".." + max + ", was " + cut(lexeme));
      return null;
    }
    long value = Long.parseLong(lexeme);
    if (value < min || value > max) {
      violations.add(pointer, "must be " + min + ".." + max + ", was " + value);
      return null;
    }
    return value;
  }

  /**
   * JSON integer grammar with at most 18 digits ({@code -?(0|[1-9][0-9]{0,17})}): exponents and
   * fractions are not integers here, whatever their value, and 18 digits always fit a long. Checked
   * by hand: this runs three times per result.
   */
  static boolean isShortInteger(String s) {
    int start = s.startsWith("-") ? 1 : 0;
    int digits = s.length() - start;
    if (digits < 1 || digits > 18) {
      return false;
    }
    char first = s.charAt(start);
    if (first == '0') {
      return digits == 1;
    }
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The {@code v} member: a contract version this build accepts. */
  void version(Pointer pointer, Event e) {
    Long v = integer(pointer, e, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (v != null && !WireContract.accepts(v.intValue())) {
      violations.add(
          pointer,
          "contract version "
              + v
              + " is not accepted (this server speaks "
              + WireContract.VERSION
              + ")");
    }
  }

  /** ISO-8601 with an offset or zone ("Z"), or epoch milliseconds; within the accepted window. */
  Instant time(Pointer pointer, Event e) {
    Instant t;
    if (e == Event.VALUE_NUMBER) {
      Long ms = integer(pointer, e, Long.MIN_VALUE + 1, Long.MAX_VALUE);
      if (ms == null) {
        return null;
      }
      t = Instant.ofEpochMilli(ms);
    } else if (e == Event.VALUE_STRING) {
      String s = cursor.parser().getString();
      try {
        t = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeParseException ex) {
        violations.add(
            pointer, "must be ISO-8601 with a zone (e.g. 2026-01-31T12:00:00Z), was " + cut(s));
        return null;
      }
    } else {
      cursor.wrongType(e, pointer, "an ISO-8601 string or epoch milliseconds");
      return null;
    }
    if (t.isBefore(earliest) || t.isAfter(latest)) {
      violations.add(
          pointer,
          "must be within "
              + ContractLimits.MAX_AGE.toDays()
              + " days before and "
              + ContractLimits.MAX_CLOCK_SKEW.toMinutes()
              + " minutes after the server's clock ("
              + earliest
              + " .. "
              + latest
              + "), was "
              + t);
      return null;
    }
    return t;
  }

  /** Echoes at most a few characters of sender input into an error message. */
  static String cut(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 40; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
    }
    return s.length() > 40 ? b + "…" : b.toString();
  }
}
