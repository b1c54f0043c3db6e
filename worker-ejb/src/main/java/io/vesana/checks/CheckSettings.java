package io.vesana.checks;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of a check, one record per {@link CheckKind}: each kind has exactly its own fields
 * and none is reused across kinds. Stored as JSON ({@link #toJson()}); {@link #parse} validates it
 * with a pointer per invalid field. Secrets are never settings: a check refers to a stored
 * credential instead.
 */
public sealed interface CheckSettings {

  CheckKind kind();

  JsonObject toJson();

  /**
   * Reads and validates {@code json} as settings of {@code kind}; errors point below {@code base}.
   *
   * @throws InvalidCheckException with every invalid field
   */
  static CheckSettings parse(CheckKind kind, JsonObject json, String base) {
    List<FieldError> errors = new ArrayList<>();
    SettingsReader r = new SettingsReader(json, base, kind.code(), errors);
    CheckSettings s =
        switch (kind) {
          case AGENT -> new Agent(r.text("check", 200, true), r.strings("args", 50));
          case NAGIOS_PLUGIN ->
              new NagiosPlugin(
                  r.text("command", 500, true),
                  r.strings("args", 50),
                  r.integer("timeout_s", 1, 300, null));
          case SNMP -> Snmp.read(r);
          case PING -> new Ping(r.integer("count", 1, 20, 3), r.integer("timeout_s", 1, 60, null));
          case TCP ->
              new Tcp(r.requiredInteger("port", 1, 65535), r.integer("timeout_s", 1, 60, null));
          case DNS ->
              new Dns(
                  r.text("query", 253, true),
                  r.oneOf("record_type", Dns.TYPES, "A"),
                  r.text("server", 253, false),
                  r.text("expect", 500, false));
          case SSH ->
              new Ssh(
                  r.text("command", 1000, true),
                  r.integer("port", 1, 65535, 22),
                  r.integer("timeout_s", 1, 300, null));
          case HTTP -> Http.read(r);
          case NSCA -> new Nsca();
          case PASSIVE -> new Passive();
        };
    r.finish();
    if (!errors.isEmpty()) {
      throw new InvalidCheckException(errors);
    }
    return s;
  }

  /** A check the agent runs on its host (built-in, by name). */
  record Agent(String check, List<String> args) implements CheckSettings {
    public CheckKind kind() {
      return CheckKind.AGENT;
    }

    public JsonObject toJson() {
      return Out.of().put("check", check).put("args", args).build();
    }
  }

  /** A monitoring-plugins executable the agent runs. */
  record NagiosPlugin(String command, List<String> args, Integer timeoutS)
      implements CheckSettings {
    public CheckKind kind() {
      return CheckKind.NAGIOS_PLUGIN;
    }

    public JsonObject toJson() {
      return Out.of().put("command", command).put("args", args).put("timeout_s", timeoutS).build();
    }
  }

  /** An SNMP GET the collector runs; the community or USM keys come from the credential. */
  record Snmp(String oid, String version, int port, Integer timeoutS) implements CheckSettings {
    private static final Pattern OID = Pattern.compile("^\\.?[0-9]+(\\.[0-9]+)+$");

    static Snmp read(SettingsReader r) {
      String oid = r.text("oid", 200, true);
      if (oid != null && !OID.matcher(oid).matches()) {
        r.error("oid", "oid must be a numeric object identifier such as 1.3.6.1.2.1.1.3.0");
      }
      return new Snmp(
          oid,
          r.oneOf("version", Set.of("1", "2c", "3"), "2c"),
          r.integer("port", 1, 65535, 161),
          r.integer("timeout_s", 1, 60, null));
    }

    public CheckKind kind() {
      return CheckKind.SNMP;
    }

    public JsonObject toJson() {
      return Out.of()
          .put("oid", oid)
          .put("version", version)
          .put("port", port)
          .put("timeout_s", timeoutS)
          .build();
    }
  }

  record Ping(int count, Integer timeoutS) implements CheckSettings {
    public CheckKind kind() {
      return CheckKind.PING;
    }

    public JsonObject toJson() {
      return Out.of().put("count", count).put("timeout_s", timeoutS).build();
    }
  }

  record Tcp(int port, Integer timeoutS) implements CheckSettings {
    public CheckKind kind() {
      return CheckKind.TCP;
    }

    public JsonObject toJson() {
      return Out.of().put("port", port).put("timeout_s", timeoutS).build();
    }
  }

  record Dns(String query, String recordType, String server, String expect)
      implements CheckSettings {
    static final Set<String> TYPES =
        Set.of("A", "AAAA", "CNAME", "MX", "NS", "PTR", "SOA", "SRV", "TXT");

    public CheckKind kind() {
      return CheckKind.DNS;
    }

    public JsonObject toJson() {
      return Out.of()
          .put("query", query)
          .put("record_type", recordType)
          .put("server", server)
          .put("expect", expect)
          .build();
    }
  }

  /** A command the collector runs over SSH; password or key come from the credential. */
  record Ssh(String command, int port, Integer timeoutS) implements CheckSettings {
    public CheckKind kind() {
      return CheckKind.SSH;
    }

    public JsonObject toJson() {
      return Out.of().put("command", command).put("port", port).put("timeout_s", timeoutS).build();
    }
  }

  record Http(
      String url,
      String method,
      Integer expectStatus,
      String contains,
      boolean verifyTls,
      Integer timeoutS)
      implements CheckSettings {

    static Http read(SettingsReader r) {
      String url = r.text("url", 2000, true);
      if (url != null && !(url.startsWith("http://") || url.startsWith("https://"))) {
        r.error("url", "url must start with http:// or https://");
      }
      return new Http(
          url,
          r.oneOf("method", Set.of("GET", "HEAD", "POST"), "GET"),
          r.integer("expect_status", 100, 599, null),
          r.text("contains", 500, false),
          r.bool("verify_tls", true),
          r.integer("timeout_s", 1, 120, null));
    }

    public CheckKind kind() {
      return CheckKind.HTTP;
    }

    public JsonObject toJson() {
      return Out.of()
          .put("url", url)
          .put("method", method)
          .put("expect_status", expectStatus)
          .put("contains", contains)
          .put("verify_tls", verifyTls)
          .put("timeout_s", timeoutS)
          .build();
    }
  }

  /** Results arrive through the NSCA receiver; nothing to configure. */
  record Nsca() implements CheckSettings {
    public CheckKind kind() {
      return CheckKind.NSCA;
    }

    public JsonObject toJson() {
      return Json.createObjectBuilder().build();
    }
  }

  /** Results are pushed by someone else; nothing to configure. */
  record Passive() implements CheckSettings {
    public CheckKind kind() {
      return CheckKind.PASSIVE;
    }

    public JsonObject toJson() {
      return Json.createObjectBuilder().build();
    }
  }

  /** Writes the non-null fields of a settings record. */
  final class Out {
    private final JsonObjectBuilder b = Json.createObjectBuilder();

    static Out of() {
      return new Out();
    }

    Out put(String k, Object v) {
      if (v instanceof String s) {
        b.add(k, s);
      } else if (v instanceof Integer i) {
        b.add(k, i);
      } else if (v instanceof Boolean z) {
        b.add(k, z);
      } else if (v instanceof List<?> l && !l.isEmpty()) {
        var a = Json.createArrayBuilder();
        l.forEach(x -> a.add(x.toString()));
        b.add(k, a);
      }
      return this;
    }

    JsonObject build() {
      return b.build();
    }
  }
}
