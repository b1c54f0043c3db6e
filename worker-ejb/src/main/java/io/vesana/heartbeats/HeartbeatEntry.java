package io.vesana.heartbeats;

import io.vesana.contract.IngestStream;
import io.vesana.ingest.QueuedEntry;
import io.vesana.ingest.UndecodableEntryException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;

/**
 * A heartbeat stream entry after decoding (body as written by the receiver, contract {@link
 * io.vesana.contract.Heartbeat}): who sent it, when it arrived, what it says about itself.
 */
public record HeartbeatEntry(
    QueuedEntry entry,
    long tenantId,
    String source,
    long credentialId,
    Instant receivedAt,
    String softwareVersion,
    String hostname,
    String os,
    String arch) {

  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  /** Whether this stream entry is a heartbeat (so this class, not the results path, owns it). */
  public static boolean isHeartbeat(QueuedEntry q) {
    return q.fields() != null
        && IngestStream.KIND_HEARTBEAT.equals(q.fields().get(IngestStream.F_KIND));
  }

  public static HeartbeatEntry decode(QueuedEntry q) throws UndecodableEntryException {
    Map<String, String> f = q.fields();
    if (!IngestStream.FORMAT_VERSION.equals(f.get(IngestStream.F_VERSION))) {
      throw new UndecodableEntryException(
          "unsupported entry format " + f.get(IngestStream.F_VERSION));
    }
    String source = f.get(IngestStream.F_SOURCE);
    if (!IngestStream.SOURCE_AGENT.equals(source)
        && !IngestStream.SOURCE_COLLECTOR.equals(source)) {
      throw new UndecodableEntryException("unknown source " + source);
    }
    String body = f.get(IngestStream.F_BODY);
    if (body == null) {
      throw new UndecodableEntryException("entry has no body");
    }
    try (JsonReader reader = READERS.createReader(new StringReader(body))) {
      JsonObject o = reader.readObject();
      return new HeartbeatEntry(
          q,
          Long.parseLong(f.get(IngestStream.F_TENANT)),
          source,
          Long.parseLong(f.get(IngestStream.F_CREDENTIAL)),
          Instant.ofEpochMilli(Long.parseLong(f.get(IngestStream.F_RECEIVED))),
          text(o, "software_version", 100),
          text(o, "hostname", 255),
          text(o, "os", 100),
          text(o, "arch", 50));
    } catch (JsonException | ClassCastException | IllegalStateException | NumberFormatException e) {
      throw new UndecodableEntryException("not a heartbeat: " + e.getMessage(), e);
    }
  }

  private static String text(JsonObject o, String name, int max) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    String s = ((JsonString) v).getString().replace('\0', '\uFFFD');
    return s.length() <= max ? s : s.substring(0, max);
  }
}
