package io.vesana.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Perfdata as the monitoring-plugins print it, and garbage. */
class PerfdataParserTest {

  private final PerfdataParser parser = new PerfdataParser();

  private JsonObject parse(String perfdata) {
    return Json.createReader(new StringReader(parser.toJson(perfdata))).readObject();
  }

  private JsonObject metric(String perfdata, int i) {
    return parse(perfdata).getJsonArray("metrics").getJsonObject(i);
  }

  @Test
  void checkPingOutput() {
    String p = "rta=0.062000ms;3000.000000;5000.000000;0.000000 pl=0%;80;100;0";
    JsonObject rta = metric(p, 0);
    assertEquals("rta", rta.getString("label"));
    assertEquals("s", rta.getString("uom"));
    assertEquals(0.000062, rta.getJsonNumber("value").doubleValue(), 1e-12);
    assertEquals(3.0, rta.getJsonNumber("warn").doubleValue(), 1e-9);
    JsonObject pl = metric(p, 1);
    assertEquals("%", pl.getString("uom"));
    assertEquals(80, pl.getJsonNumber("warn").intValue());
    assertEquals(100, pl.getJsonNumber("crit").intValue());
    assertFalse(parse(p).containsKey("raw"));
  }

  @Test
  void checkDiskWithQuotedLabelsAndMegabytes() {
    String p = "'/'=2804MB;3655;4112;0;4570 '/boot efi'=25MB;;;0;100";
    JsonArray metrics = parse(p).getJsonArray("metrics");
    assertEquals(2, metrics.size());
    assertEquals("/", metrics.getJsonObject(0).getString("label"));
    assertEquals(2804L * 1024 * 1024, metrics.getJsonObject(0).getJsonNumber("value").longValue());
    assertEquals("B", metrics.getJsonObject(0).getString("uom"));
    assertEquals("/boot efi", metrics.getJsonObject(1).getString("label"));
    assertFalse(metrics.getJsonObject(1).containsKey("warn"));
  }

  @Test
  void loadCounterRangesAndUnknownUnits() {
    JsonObject load = metric("load1=0.150;5.000;10.000;0;", 0);
    assertEquals("", load.getString("uom"));
    assertEquals(0, load.getJsonNumber("min").intValue());
    JsonObject counter = metric("packets=123456c", 0);
    assertEquals("c", counter.getString("uom"));
    JsonObject range = metric("temp=42;@10:20;~:50", 0);
    assertEquals("@10:20", range.getString("warn"));
    assertEquals("~:50", range.getString("crit"));
    JsonObject dbm = metric("signal=-67dBm", 0);
    assertEquals("dBm", dbm.getString("uom"));
    assertEquals(-67, dbm.getJsonNumber("value").intValue());
    JsonObject time = metric("time=250us", 0);
    assertEquals(0.00025, time.getJsonNumber("value").doubleValue(), 1e-12);
    JsonObject tb = metric("size=2TB", 0);
    assertEquals(2L << 40, tb.getJsonNumber("value").longValue());
  }

  @Test
  void quotedLabelWithEscapedQuoteAndUndeterminedValue() {
    JsonObject m = metric("'it''s'=U", 0);
    assertEquals("it's", m.getString("label"));
    assertTrue(m.isNull("value"));
  }

  @Test
  void garbageKeepsTheRawTextAndWhatCouldBeParsed() {
    JsonObject o = parse("ok=1 this is not perfdata =5 x=abc;1");
    assertEquals("ok=1 this is not perfdata =5 x=abc;1", o.getString("raw"));
    assertEquals(1, o.getJsonArray("metrics").size());
    assertEquals("'open=1", parse("'open=1").getString("raw"));
    assertEquals(0, parse("a=1;2;3;4;5;6").getJsonArray("metrics").size());
    assertNull(parser.toJson("   "));
    assertNull(parser.toJson(null));
  }

  /**
   * The scanner against the regular-expression parser it replaced, on generated perfdata: numbers
   * in every form (signs, leading zeros, bare fractions, exponents, tiny values, negative zero),
   * units that scale and that do not, thresholds and ranges, and junk. Same text out, always.
   */
  @Test
  void sameOutputAsTheRegularExpressionParser() {
    RegexPerfdataOracle oracle = new RegexPerfdataOracle();
    java.util.Random random = new java.util.Random(20261124L);
    String[] numbers = {
      "0",
      "-0",
      "+0",
      "0.0",
      "-0.00",
      "007",
      "1",
      "-1",
      "12.50",
      "5.",
      ".5",
      "-.5",
      "1e3",
      "1E-7",
      "2e+2",
      "0.000001",
      "0.0000001",
      "0.000000",
      "0.0000000",
      "-0.0000001",
      "123456789012345678",
      "1.5e",
      "1e5.3",
      "1..2",
      "--1",
      "U",
      "",
      "3.14159",
      "100",
      "0.01",
      "-12.345"
    };
    String[] units = {
      "", "", "", "ms", "s", "us", "ns", "B", "KB", "MB", "GB", "TB", "%", "c", "dBm", "e5", "x",
      "."
    };
    String[] thresholds = {"", "5", "~:10", "@10:20", "10:", "abc", "-1.5", "1e2", "0.0000001"};
    for (int n = 0; n < 20_000; n++) {
      StringBuilder p = new StringBuilder();
      int metrics = 1 + random.nextInt(3);
      for (int m = 0; m < metrics; m++) {
        if (m > 0) {
          p.append(' ');
        }
        p.append(random.nextInt(8) == 0 ? "'a b'" : "m" + m).append('=');
        p.append(numbers[random.nextInt(numbers.length)])
            .append(units[random.nextInt(units.length)]);
        int parts = random.nextInt(5);
        for (int t = 0; t < parts; t++) {
          p.append(';').append(thresholds[random.nextInt(thresholds.length)]);
        }
      }
      String text = p.toString();
      assertEquals(oracle.toJson(text), parser.toJson(text), text);
    }
  }

  /** The number forms BigDecimal would print differently are never copied as sent. */
  @Test
  void copiesOnlyNumbersBigDecimalPrintsTheSame() {
    for (String s :
        new String[] {"0", "1", "-1", "12.50", "0.000001", "0.000000", "100", "-0.5", "0.0", "9"}) {
      assertTrue(PerfdataParser.printsAsIs(s, s.length()), s);
      assertEquals(new java.math.BigDecimal(s).toString(), s);
    }
    for (String s :
        new String[] {"-0", "007", "5.", "+1", "0.0000001", "0.0000000", "-0.0", "1e3"}) {
      assertFalse(PerfdataParser.printsAsIs(s, s.length()), s);
    }
  }
}
