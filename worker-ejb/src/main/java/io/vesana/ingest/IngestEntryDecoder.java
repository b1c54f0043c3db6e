package io.vesana.ingest;

import io.vesana.contract.IngestStream;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes a stream entry (format {@link IngestStream#FORMAT_VERSION}) with JSON-P. The receiver
 * validated the body already; anything that still does not fit is refused whole, because it cannot
 * get better by retrying. NUL characters, which PostgreSQL text cannot hold, become U+FFFD.
 * Thread-safe.
 */
public final class IngestEntryDecoder {

  /** Made once: {@code Json.createReader} looks the provider up through the service loader. */
  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  public DecodedEntry decode(QueuedEntry entry) throws UndecodableEntryException {
    Map<String, String> f = entry.fields();
    if (f == null) {
      throw new UndecodableEntryException("entry no longer in the stream");
    }
    if (!IngestStream.FORMAT_VERSION.equals(f.get(IngestStream.F_VERSION))) {
      throw new UndecodableEntryException(
          "unsupported entry format " + f.get(IngestStream.F_VERSION));
    }
    if (!IngestStream.KIND_RESULTS.equals(f.get(IngestStream.F_KIND))) {
      throw new UndecodableEntryException(
          "entry kind " + f.get(IngestStream.F_KIND) + " is not handled by this worker");
    }
    String source = f.get(IngestStream.F_SOURCE);
    if (!IngestStream.SOURCE_AGENT.equals(source)
        && !IngestStream.SOURCE_COLLECTOR.equals(source)) {
      throw new UndecodableEntryException("unknown source " + source);
    }
    long tenant = number(f, IngestStream.F_TENANT);
    long credential = number(f, IngestStream.F_CREDENTIAL);
    Instant received = Instant.ofEpochMilli(number(f, IngestStream.F_RECEIVED));
    String body = f.get(IngestStream.F_BODY);
    if (body == null) {
      throw new UndecodableEntryException("entry has no body");
    }
    try (JsonReader reader = READERS.createReader(new StringReader(body))) {
      JsonArray results = reader.readObject().getJsonArray("results");
      if (results == null) {
        throw new UndecodableEntryException("body has no results array");
      }
      List<IncomingResult> out = new ArrayList<>(results.size());
      for (int i = 0; i < results.size(); i++) {
        out.add(result(results.getJsonObject(i), i));
      }
      return new DecodedEntry(entry, tenant, source, credential, received, List.copyOf(out));
    } catch (JsonException | ClassCastException | IllegalStateException | ArithmeticException e) {
      throw new UndecodableEntryException("body is not a results document: " + e.getMessage(), e);
    }
  }

  private static IncomingResult result(JsonObject r, int index) throws UndecodableEntryException {
    String host = text(r, "host");
    String service = text(r, "service");
    JsonNumber state = r.getJsonNumber("state");
    JsonNumber checked = r.getJsonNumber("checked_at");
    if (host == null || service == null || state == null || checked == null) {
      throw new UndecodableEntryException(
          "results[" + index + "] lacks host, service, state or checked_at");
    }
    int code = state.intValueExact();
    if (code < 0 || code > 3) {
      throw new UndecodableEntryException("results[" + index + "].state must be 0..3");
    }
    JsonNumber exec = r.getJsonNumber("execution_ms");
    return new IncomingResult(
        host,
        service,
        code,
        text(r, "output"),
        text(r, "long_output"),
        text(r, "perfdata"),
        Instant.ofEpochMilli(checked.longValueExact()),
        exec == null ? null : exec.intValueExact(),
        r);
  }

  private static String text(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    String s = ((JsonString) v).getString();
    return s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
  }

  private static long number(Map<String, String> f, String name) throws UndecodableEntryException {
    try {
      return Long.parseLong(f.get(name));
    } catch (NumberFormatException e) {
      throw new UndecodableEntryException("field " + name + " is not a number: " + f.get(name), e);
    }
  }
}
