package io.vesana.receiver.wire;

import io.vesana.contract.Heartbeat;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads a heartbeat message: {@code v}, {@code sent_at}, {@code software_version}, optional rest.
 */
final class HeartbeatReader {

  private static final FieldNames FIELDS =
      FieldNames.of("v", "sent_at", "software_version", "hostname", "os", "arch");

  private final JsonCursor cursor;
  private final FieldReader fields;

  HeartbeatReader(JsonCursor cursor, FieldReader fields) {
    this.cursor = cursor;
    this.fields = fields;
  }

  Heartbeat read() {
    Set<String> present = new HashSet<>();
    Instant[] sentAt = new Instant[1];
    String[] text = new String[4]; // software_version, hostname, os, arch
    cursor.members(
        Pointer.ROOT,
        FIELDS,
        (name, at, e) -> {
          present.add(name);
          switch (name) {
            case "v" -> fields.version(at, e);
            case "sent_at" -> sentAt[0] = fields.time(at, e);
            case "software_version" -> text[0] = fields.name(at, e);
            case "hostname" -> text[1] = fields.name(at, e);
            case "os" -> text[2] = fields.name(at, e);
            case "arch" -> text[3] = fields.name(at, e);
            default -> throw new IllegalStateException("unhandled heartbeat field " + name);
          }
        });
    Violations violations = cursor.violations();
    for (String required : new String[] {"v", "sent_at", "software_version"}) {
      if (!present.contains(required)) {
        violations.add("/" + required, "required");
      }
    }
    return new Heartbeat(sentAt[0], text[0], text[1], text[2], text[3]);
  }
}
