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
}
