package io.vesana.discovery;

import io.vesana.contract.DiscoveryUpload;
import io.vesana.contract.DiscoveryUpload.DiscoveredHost;
import io.vesana.contract.IngestStream;
import io.vesana.ingest.QueuedEntry;
import io.vesana.ingest.UndecodableEntryException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
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
 * A discovery stream entry after decoding (body as written by the receiver, contract {@link
 * DiscoveryUpload}): which collector key sent it and what its scan found.
 *
 * @param block the scanned CIDR, normalised
 */
public record DiscoveryEntry(
    QueuedEntry entry, long tenantId, long credentialId, CidrBlock block, DiscoveryUpload upload) {

  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  /** Whether this stream entry is a discovery upload (so this feature, not results, owns it). */
  public static boolean isDiscovery(QueuedEntry q) {
    return q.fields() != null
        && IngestStream.KIND_DISCOVERY.equals(q.fields().get(IngestStream.F_KIND));
  }

  public static DiscoveryEntry decode(QueuedEntry q) throws UndecodableEntryException {
    Map<String, String> f = q.fields();
    if (!IngestStream.FORMAT_VERSION.equals(f.get(IngestStream.F_VERSION))) {
      throw new UndecodableEntryException(
          "unsupported entry format " + f.get(IngestStream.F_VERSION));
    }
    if (!IngestStream.SOURCE_COLLECTOR.equals(f.get(IngestStream.F_SOURCE))) {
      throw new UndecodableEntryException("discovery uploads come from collectors only");
    }
    String body = f.get(IngestStream.F_BODY);
    if (body == null) {
      throw new UndecodableEntryException("entry has no body");
    }
    try (JsonReader reader = READERS.createReader(new StringReader(body))) {
      JsonObject o = reader.readObject();
      CidrBlock block = CidrBlock.parse(o.getString("cidr"));
      JsonArray hosts = o.getJsonArray("hosts");
      List<DiscoveredHost> found = new ArrayList<>(hosts.size());
      for (JsonValue h : hosts) {
        DiscoveredHost host = host(h.asJsonObject());
        if (host != null) {
          found.add(host);
        }
      }
      DiscoveryUpload upload =
          new DiscoveryUpload(
              block.text(),
              Instant.ofEpochMilli(o.getJsonNumber("started_at").longValueExact()),
              Instant.ofEpochMilli(o.getJsonNumber("finished_at").longValueExact()),
              found);
      return new DiscoveryEntry(
          q,
          Long.parseLong(f.get(IngestStream.F_TENANT)),
          Long.parseLong(f.get(IngestStream.F_CREDENTIAL)),
          block,
          upload);
    } catch (JsonException
        | ClassCastException
        | NullPointerException
        | IllegalStateException
        | ArithmeticException
        | IllegalArgumentException e) {
      // NumberFormatException is an IllegalArgumentException, as is an invalid CIDR.
      throw new UndecodableEntryException("not a discovery upload: " + e.getMessage(), e);
    }
  }

  /** The host, or null if its address is not one IP address (skipped, the rest is kept). */
  private static DiscoveredHost host(JsonObject h) {
    String address;
    try {
      CidrBlock one = CidrBlock.parse(h.getString("address"));
      if (one.addresses() != 1) {
        return null;
      }
      address = one.text().substring(0, one.text().indexOf('/'));
    } catch (IllegalArgumentException e) {
      return null;
    }
    List<Integer> ports = new ArrayList<>();
    JsonArray p = h.getJsonArray("open_ports");
    if (p != null) {
      for (int i = 0; i < p.size(); i++) {
        ports.add(p.getJsonNumber(i).intValueExact());
      }
    }
    return new DiscoveredHost(
        address,
        text(h, "hostname", 255),
        text(h, "sys_object_id", 255),
        text(h, "sys_descr", 2000),
        ports);
  }

  private static String text(JsonObject o, String name, int max) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    String s = ((JsonString) v).getString().replace('\0', '\uFFFD').strip();
    if (s.isEmpty()) {
      return null;
    }
    return s.length() <= max ? s : s.substring(0, max);
  }
}
