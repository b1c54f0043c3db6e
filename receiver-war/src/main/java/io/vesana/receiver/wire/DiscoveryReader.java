package io.vesana.receiver.wire;

import io.vesana.contract.ContractLimits;
import io.vesana.contract.DiscoveryUpload;
import io.vesana.contract.DiscoveryUpload.DiscoveredHost;
import jakarta.json.stream.JsonParser.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads a collector's discovery upload: the scanned CIDR, when, and the hosts that answered. */
final class DiscoveryReader {

  private static final FieldNames FIELDS =
      FieldNames.of("v", "cidr", "started_at", "finished_at", "hosts");
  private static final FieldNames HOST_FIELDS =
      FieldNames.of("address", "hostname", "sys_object_id", "sys_descr", "open_ports");
  private static final int MAX_PORTS = 65_536;

  private final JsonCursor cursor;
  private final FieldReader fields;
  private final Violations violations;

  DiscoveryReader(JsonCursor cursor, FieldReader fields) {
    this.cursor = cursor;
    this.fields = fields;
    this.violations = cursor.violations();
  }

  DiscoveryUpload read() {
    Set<String> present = new HashSet<>();
    String[] cidr = new String[1];
    Instant[] times = new Instant[2];
    List<DiscoveredHost> hosts = new ArrayList<>();
    cursor.members(
        Pointer.ROOT,
        FIELDS,
        (name, at, e) -> {
          present.add(name);
          switch (name) {
            case "v" -> fields.version(at, e);
            case "cidr" -> cidr[0] = fields.name(at, e);
            case "started_at" -> times[0] = fields.time(at, e);
            case "finished_at" -> times[1] = fields.time(at, e);
            case "hosts" -> readHosts(at, e, hosts);
            default -> throw new IllegalStateException("unhandled discovery field " + name);
          }
        });
    for (String required : new String[] {"v", "cidr", "started_at", "finished_at", "hosts"}) {
      if (!present.contains(required)) {
        violations.add("/" + required, "required");
      }
    }
    if (times[0] != null && times[1] != null && times[1].isBefore(times[0])) {
      violations.add("/finished_at", "must not be before started_at");
    }
    return violations.isEmpty() ? new DiscoveryUpload(cidr[0], times[0], times[1], hosts) : null;
  }

  private void readHosts(Pointer at, Event e, List<DiscoveredHost> hosts) {
    if (e != Event.START_ARRAY) {
      cursor.wrongType(e, at, "an array of hosts");
      return;
    }
    int index = 0;
    for (Event item = cursor.next(at); item != Event.END_ARRAY; item = cursor.next(at)) {
      Pointer itemAt = at.child(index);
      if (++index > ContractLimits.MAX_DISCOVERED_HOSTS) {
        throw violations.fatal(
            at, "must hold at most " + ContractLimits.MAX_DISCOVERED_HOSTS + " hosts");
      }
      if (item != Event.START_OBJECT) {
        cursor.wrongType(item, itemAt, "a host object");
        continue;
      }
      DiscoveredHost host = readHost(itemAt);
      if (host != null) {
        hosts.add(host);
      }
    }
  }

  private DiscoveredHost readHost(Pointer at) {
    int before = violations.size();
    String[] text = new String[4]; // address, hostname, sys_object_id, sys_descr
    List<Integer> ports = new ArrayList<>();
    cursor.members(
        at,
        HOST_FIELDS,
        (name, fieldAt, e) -> {
          switch (name) {
            case "address" -> text[0] = fields.name(fieldAt, e);
            case "hostname" -> text[1] = fields.name(fieldAt, e);
            case "sys_object_id" -> text[2] = fields.name(fieldAt, e);
            case "sys_descr" -> text[3] = fields.text(fieldAt, e, ContractLimits.MAX_OUTPUT_CHARS);
            case "open_ports" -> readPorts(fieldAt, e, ports);
            default -> throw new IllegalStateException("unhandled host field " + name);
          }
        });
    if (text[0] == null && violations.size() == before) {
      violations.add(at.child("address"), "required");
    }
    if (violations.size() != before) {
      return null;
    }
    return new DiscoveredHost(text[0], text[1], text[2], text[3], ports);
  }

  private void readPorts(Pointer at, Event e, List<Integer> ports) {
    if (e != Event.START_ARRAY) {
      cursor.wrongType(e, at, "an array of port numbers");
      return;
    }
    int index = 0;
    for (Event item = cursor.next(at); item != Event.END_ARRAY; item = cursor.next(at)) {
      Pointer itemAt = at.child(index);
      if (++index > MAX_PORTS) {
        throw violations.fatal(at, "must hold at most " + MAX_PORTS + " ports");
      }
      Long port = fields.integer(itemAt, item, 0, 65_535);
      if (port != null) {
        ports.add(port.intValue());
      }
    }
  }
}
