package io.vesana.ingest;

// The regular-expression parser PerfdataParser was until session 4, kept verbatim as the oracle
// PerfdataParserTest compares the hand-written scanner with on generated input.

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
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
 * again through the service loader.
 */
final class RegexPerfdataOracle {

  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern VALUE =
      Pattern.compile("([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?|U)([^;\\d.+-][^;]*)?");
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
    Matcher m = VALUE.matcher(parts[0]);
    if (!m.matches()) {
      return false;
    }
    String uom = m.group(2) == null ? "" : m.group(2);
    Unit known = Unit.of(uom);
    // Unknown units (dBm, rpm, ...) are kept as sent, values unscaled.
    Unit unit = known == null ? Unit.NONE : known;
    out.append("{\"label\":");
    string(out, label);
    out.append(",\"value\":");
    if ("U".equals(m.group(1))) {
      out.append("null");
    } else {
      out.append(unit.scale(new BigDecimal(m.group(1))).toString());
    }
    out.append(",\"uom\":");
    string(out, known == null ? uom : unit.name);
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.isEmpty()) {
        continue;
      }
      out.append(",\"").append(THRESHOLDS[i - 1]).append("\":");
      if (NUMBER.matcher(p).matches()) {
        out.append(unit.scale(new BigDecimal(p)).toString());
      } else if (i <= 2 && RANGE.matcher(p).matches()) {
        string(out, p);
      } else {
        return false;
      }
    }
    out.append('}');
    return true;
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
