package io.vesana.ingest;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
 */
public final class PerfdataParser {

  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern VALUE =
      Pattern.compile("([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?|U)([^;\\d.+-][^;]*)?");

  /** The jsonb text for {@code perfdata}, or null when there is none. */
  public String toJson(String perfdata) {
    if (perfdata == null || perfdata.isBlank()) {
      return null;
    }
    List<String> tokens = new ArrayList<>();
    boolean complete = tokenize(perfdata.strip(), tokens);
    JsonArrayBuilder metrics = Json.createArrayBuilder();
    for (String token : tokens) {
      JsonObject metric = metric(token);
      if (metric == null) {
        complete = false;
      } else {
        metrics.add(metric);
      }
    }
    JsonObjectBuilder out = Json.createObjectBuilder().add("metrics", metrics);
    if (!complete) {
      out.add("raw", perfdata);
    }
    return out.build().toString();
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

  private static JsonObject metric(String token) {
    int eq = labelEnd(token);
    if (eq <= 0 || eq == token.length() - 1) {
      return null;
    }
    String label = unquote(token.substring(0, eq));
    if (label.isEmpty()) {
      return null;
    }
    String[] parts = token.substring(eq + 1).split(";", -1);
    if (parts.length > 5) {
      return null;
    }
    Matcher m = VALUE.matcher(parts[0]);
    if (!m.matches()) {
      return null;
    }
    String uom = m.group(2) == null ? "" : m.group(2);
    Unit known = Unit.of(uom);
    // Unknown units (dBm, rpm, ...) are kept as sent, values unscaled.
    Unit unit = known == null ? Unit.NONE : known;
    JsonObjectBuilder b = Json.createObjectBuilder().add("label", label);
    if ("U".equals(m.group(1))) {
      b.addNull("value");
    } else {
      b.add("value", unit.scale(new BigDecimal(m.group(1))));
    }
    b.add("uom", known == null ? uom : unit.name);
    String[] names = {"warn", "crit", "min", "max"};
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.isEmpty()) {
        continue;
      }
      if (NUMBER.matcher(p).matches()) {
        b.add(names[i - 1], unit.scale(new BigDecimal(p)));
      } else if (i <= 2 && p.matches("@?(~|[-+]?[\\d.eE+-]+)?:?([-+]?[\\d.eE+-]+)?")) {
        b.add(names[i - 1], p);
      } else {
        return null;
      }
    }
    return b.build();
  }

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
