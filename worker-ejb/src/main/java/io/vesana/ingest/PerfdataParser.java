package io.vesana.ingest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Nagios performance data ({@code 'label'=value[UOM];[warn];[crit];[min];[max]}, several separated
 * by spaces) to the jsonb stored with a result: {@code {"metrics":[{"label","value","uom","warn",
 * "crit","min","max"}]}}, plus {@code "raw"} (the text as sent) when any part could not be parsed.
 * Parsing never fails a result.
 *
 * <p>Units are normalised to base units: ms/us/ns/s to {@code s}, B/KB/MB/GB/TB (1024-based, as
 * check_disk and friends use them) to {@code B}; {@code %}, {@code c} and unknown units are kept.
 * Numeric thresholds are scaled with their value; range thresholds ({@code @10:20}) are kept as
 * text. Thread-safe.
 *
 * <p>Runs once per stored result, so the JSON is written by hand into one {@link StringBuilder}
 * (same text JSON-P would write: keys in the order above, numbers as {@link BigDecimal#toString()})
 * instead of through JSON-P builders, whose every {@code Json.createXxx} call looks the provider up
 * again through the service loader. Numbers are scanned by hand, not matched with regular
 * expressions (a third of the worker's CPU went to this class with them), and a number already in
 * the form {@link BigDecimal#toString()} would print is copied as it was sent; only units that
 * scale and numbers in other forms go through {@link BigDecimal}. {@code PerfdataParserTest} holds
 * the output identical to the regular-expression parser this replaced, on generated input.
 */
public final class PerfdataParser {

  private static final Pattern RANGE =
      Pattern.compile("@?(~|[-+]?[\\d.eE+-]+)?:?([-+]?[\\d.eE+-]+)?");
  private static final String[] THRESHOLDS = {"warn", "crit", "min", "max"};

  /** The jsonb text for {@code perfdata}, or null when there is none. */
  public String toJson(String perfdata) {
    if (perfdata == null || perfdata.isBlank()) {
      return null;
    }
    List<String> tokens = new ArrayList<>();
    boolean complete = tokenize(perfdata.strip(), tokens);
    StringBuilder out = new StringBuilder(32 + 96 * tokens.size());
    out.append("{\"metrics\":[");
    boolean first = true;
    for (String token : tokens) {
      int mark = out.length();
      if (!first) {
        out.append(',');
      }
      if (metric(token, out)) {
        first = false;
      } else {
        out.setLength(mark);
        complete = false;
      }
    }
    out.append(']');
    if (!complete) {
      out.append(",\"raw\":");
      string(out, perfdata);
    }
    return out.append('}').toString();
  }

  /** Splits on spaces outside quotes; false when a quote is left open. */
  private static boolean tokenize(String s, List<String> tokens) {
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        if (quoted && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
          current.append("''");
          i++;
          continue;
        }
        quoted = !quoted;
        current.append(c);
      } else if (Character.isWhitespace(c) && !quoted) {
        if (current.length() > 0) {
          tokens.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0) {
      tokens.add(current.toString());
    }
    return !quoted;
  }

  /** Appends the metric object of {@code token}; false (output unspecified) when it is not one. */
  private static boolean metric(String token, StringBuilder out) {
    int eq = labelEnd(token);
    if (eq <= 0 || eq == token.length() - 1) {
      return false;
    }
    String label = unquote(token.substring(0, eq));
    if (label.isEmpty()) {
      return false;
    }
    String[] parts = token.substring(eq + 1).split(";", -1);
    if (parts.length > 5) {
      return false;
    }
    String value = parts[0];
    int end = valueEnd(value);
    if (end < 0) {
      return false;
    }
    String uom = value.substring(end);
    Unit known = Unit.of(uom);
    // Unknown units (dBm, rpm, ...) are kept as sent, values unscaled.
    Unit unit = known == null ? Unit.NONE : known;
    out.append("{\"label\":");
    string(out, label);
    out.append(",\"value\":");
    if (end == 1 && value.charAt(0) == 'U') {
      out.append("null");
    } else {
      number(out, value, end, unit);
    }
    out.append(",\"uom\":");
    string(out, known == null ? uom : unit.name);
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.isEmpty()) {
        continue;
      }
      out.append(",\"").append(THRESHOLDS[i - 1]).append("\":");
      if (numberEnd(p, 0) == p.length()) {
        number(out, p, p.length(), unit);
      } else if (i <= 2 && RANGE.matcher(p).matches()) {
        string(out, p);
      } else {
        return false;
      }
    }
    out.append('}');
    return true;
  }

  /**
   * Where the value ends and its unit begins in {@code s} (a number or {@code U}, then a unit that
   * does not start with a digit, '.', '+' or '-'); -1 when {@code s} is not a value. Like the
   * regular expression it replaces, a number whose exponent leaves an invalid unit is read again
   * without the exponent ({@code 1e5.3}: value 1, unit {@code e5.3}).
   */
  static int valueEnd(String s) {
    int end = numberEnd(s, 0);
    if (end < 0) {
      return s.startsWith("U") && unitMayFollow(s, 1) ? 1 : -1;
    }
    if (unitMayFollow(s, end)) {
      return end;
    }
    int exponent = exponentStart(s, end);
    return exponent > 0 && unitMayFollow(s, exponent) ? exponent : -1;
  }

  private static boolean unitMayFollow(String s, int at) {
    if (at >= s.length()) {
      return true;
    }
    char c = s.charAt(at);
    return !(c >= '0' && c <= '9') && c != '.' && c != '+' && c != '-';
  }

  /** Index of the 'e'/'E' of the number ending at {@code end}, or -1 when it has no exponent. */
  private static int exponentStart(String s, int end) {
    for (int i = end - 1; i > 0; i--) {
      char c = s.charAt(i);
      if (c == 'e' || c == 'E') {
        return i;
      }
    }
    return -1;
  }

  /**
   * End of the longest number ({@code [-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?}) starting at {@code
   * from}, or -1 when none starts there.
   */
  static int numberEnd(String s, int from) {
    int i = from;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int intDigits = digits(s, i);
    i += intDigits;
    int fracDigits = 0;
    if (i < n && s.charAt(i) == '.') {
      fracDigits = digits(s, i + 1);
      if (intDigits == 0 && fracDigits == 0) {
        return -1;
      }
      i += 1 + fracDigits;
    } else if (intDigits == 0) {
      return -1;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
        j++;
      }
      int expDigits = digits(s, j);
      if (expDigits > 0) {
        i = j + expDigits;
      }
    }
    return i;
  }

  private static int digits(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i - from;
  }

  /** Appends the number {@code s[0, end)} scaled to the unit's base, as BigDecimal prints it. */
  private static void number(StringBuilder out, String s, int end, Unit unit) {
    if (unit.factor == BigDecimal.ONE && printsAsIs(s, end)) {
      out.append(s, 0, end);
    } else {
      out.append(unit.scale(new BigDecimal(s.substring(0, end))).toString());
    }
  }

  /**
   * True when {@link BigDecimal#toString()} of {@code s[0, end)} is that very text: an optional
   * '-', no leading zeros, an optional fraction with digits, no exponent, not a negative zero
   * (BigDecimal drops its sign), and not so small that it would print in E notation (adjusted
   * exponent below -6).
   */
  static boolean printsAsIs(String s, int end) {
    int i = 0;
    boolean negative = end > 0 && s.charAt(0) == '-';
    if (negative) {
      i++;
    }
    int intStart = i;
    int intDigits = digits(s, i);
    if (intDigits == 0 || intDigits > 1 && s.charAt(intStart) == '0') {
      return false;
    }
    i += intDigits;
    boolean zero = intDigits == 1 && s.charAt(intStart) == '0';
    if (i < end) {
      if (s.charAt(i) != '.') {
        return false;
      }
      int fracDigits = digits(s, i + 1);
      if (fracDigits == 0 || i + 1 + fracDigits != end) {
        return false;
      }
      if (zero) {
        int leadingZeros = 0;
        while (leadingZeros < fracDigits && s.charAt(i + 1 + leadingZeros) == '0') {
          leadingZeros++;
        }
        boolean allZero = leadingZeros == fracDigits;
        if (allZero ? fracDigits > 6 : leadingZeros > 5) {
          return false;
        }
        zero = allZero;
      }
    }
    return !(negative && zero);
  }

  /** Appends {@code s} as a JSON string literal. */
  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Index of the '=' that ends the label, honouring a quoted label. */
  private static int labelEnd(String token) {
    if (token.startsWith("'")) {
      int i = 1;
      while (i < token.length()) {
        if (token.charAt(i) == '\'') {
          if (i + 1 < token.length() && token.charAt(i + 1) == '\'') {
            i += 2;
            continue;
          }
          return i + 1 < token.length() && token.charAt(i + 1) == '=' ? i + 1 : -1;
        }
        i++;
      }
      return -1;
    }
    return token.indexOf('=');
  }

  private static String unquote(String label) {
    if (label.length() >= 2 && label.startsWith("'") && label.endsWith("'")) {
      return label.substring(1, label.length() - 1).replace("''", "'");
    }
    return label;
  }

  private enum Unit {
    NONE("", BigDecimal.ONE),
    SECONDS("s", BigDecimal.ONE),
    MILLIS("s", new BigDecimal("0.001")),
    MICROS("s", new BigDecimal("0.000001")),
    NANOS("s", new BigDecimal("0.000000001")),
    BYTES("B", BigDecimal.ONE),
    KIB("B", BigDecimal.valueOf(1L << 10)),
    MIB("B", BigDecimal.valueOf(1L << 20)),
    GIB("B", BigDecimal.valueOf(1L << 30)),
    TIB("B", BigDecimal.valueOf(1L << 40)),
    PERCENT("%", BigDecimal.ONE),
    COUNTER("c", BigDecimal.ONE);

    final String name;
    final BigDecimal factor;

    Unit(String name, BigDecimal factor) {
      this.name = name;
      this.factor = factor;
    }

    BigDecimal scale(BigDecimal v) {
      return factor == BigDecimal.ONE ? v : v.multiply(factor).stripTrailingZeros();
    }

    static Unit of(String uom) {
      return switch (uom) {
        case "" -> NONE;
        case "s" -> SECONDS;
        case "ms" -> MILLIS;
        case "us" -> MICROS;
        case "ns" -> NANOS;
        case "B" -> BYTES;
        case "KB", "KiB", "kB" -> KIB;
        case "MB", "MiB" -> MIB;
        case "GB", "GiB" -> GIB;
        case "TB", "TiB" -> TIB;
        case "%" -> PERCENT;
        case "c" -> COUNTER;
        default -> null;
      };
    }
  }
}
