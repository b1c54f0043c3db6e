package io.vesana.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the launcher is told by its environment, parsed and validated once at start. The
 * applications themselves read their {@code vesana.*} settings through MicroProfile Config; only
 * the keys the launcher needs to decide what to start are read here.
 *
 * @param root the repository (or unpacked distribution) holding the built WARs
 * @param home the data directory kept across restarts ({@code VESANA_HOME})
 * @param dbUrl external PostgreSQL; empty means the launcher starts an embedded one
 * @param redisUrl external Redis; empty means the launcher starts an embedded one
 * @param instanceJavaOptions extra JVM options for every instance ({@code
 *     VESANA_INSTANCE_JAVA_OPTS})
 */
public record LaunchSettings(
    Path root,
    Path home,
    Topology topology,
    int apiPort,
    int receiverPort,
    int workerPort,
    int embeddedPostgresPort,
    int embeddedRedisPort,
    String instanceHeap,
    List<String> instanceJavaOptions,
    Duration readyTimeout,
    Optional<String> dbUrl,
    String dbUser,
    String dbPassword,
    Optional<String> redisUrl,
    String adminEmail) {

  private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]");

  /** Reads the settings from environment variables; {@code root} is where the WARs are built. */
  public static LaunchSettings from(Map<String, String> env, Path root) throws UsageException {
    Path home =
        Optional.ofNullable(blankToNull(env.get("VESANA_HOME")))
            .map(Path::of)
            .orElse(root.resolve(".vesana"))
            .toAbsolutePath()
            .normalize();
    String heap = value(env, "VESANA_INSTANCE_HEAP", "512m");
    if (!HEAP.matcher(heap).matches()) {
      throw new UsageException(
          "VESANA_INSTANCE_HEAP must look like 512m or 1g (a -Xmx value), not '" + heap + "'");
    }
    int timeout = port(env, "VESANA_READY_TIMEOUT_SECONDS", 180, 1, 3600, "a number of seconds");
    LaunchSettings settings =
        new LaunchSettings(
            root.toAbsolutePath().normalize(),
            home,
            Topology.parse(value(env, "VESANA_TOPOLOGY", "split")),
            port(env, "VESANA_API_PORT", 8080),
            port(env, "VESANA_RECEIVER_PORT", 8081),
            port(env, "VESANA_WORKER_PORT", 8082),
            port(env, "VESANA_EMBEDDED_PG_PORT", 15432),
            port(env, "VESANA_EMBEDDED_REDIS_PORT", 16379),
            heap,
            javaOptions(env),
            Duration.ofSeconds(timeout),
            Optional.ofNullable(blankToNull(env.get("VESANA_DB_URL"))),
            value(env, "VESANA_DB_USER", "postgres"),
            env.getOrDefault("VESANA_DB_PASSWORD", ""),
            Optional.ofNullable(blankToNull(env.get("VESANA_REDIS_URL"))),
            value(env, "VESANA_BOOTSTRAP_ADMIN_EMAIL", "admin@vesana.local"));
    settings.requireDistinctPorts();
    return settings;
  }

  /**
   * The same settings with both stores embedded, whatever VESANA_DB_URL and VESANA_REDIS_URL say:
   * what {@code vesana services} runs.
   */
  public LaunchSettings withEmbeddedStores() {
    return new LaunchSettings(
        root,
        home,
        topology,
        apiPort,
        receiverPort,
        workerPort,
        embeddedPostgresPort,
        embeddedRedisPort,
        instanceHeap,
        instanceJavaOptions,
        readyTimeout,
        Optional.empty(),
        dbUser,
        dbPassword,
        Optional.empty(),
        adminEmail);
  }

  /** The ports the embedded stores of this launch will listen on (none for external stores). */
  public Map<String, Integer> storePorts() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    if (dbUrl.isEmpty()) {
      ports.put("VESANA_EMBEDDED_PG_PORT", embeddedPostgresPort);
    }
    if (redisUrl.isEmpty()) {
      ports.put("VESANA_EMBEDDED_REDIS_PORT", embeddedRedisPort);
    }
    return ports;
  }

  /** Every port this launch will listen on, in the order they are checked. */
  public Map<String, Integer> listeningPorts() {
    Map<String, Integer> ports = storePorts();
    ports.put("VESANA_API_PORT", apiPort);
    if (topology == Topology.SPLIT) {
      ports.put("VESANA_RECEIVER_PORT", receiverPort);
      ports.put("VESANA_WORKER_PORT", workerPort);
    }
    return ports;
  }

  private void requireDistinctPorts() throws UsageException {
    Set<Integer> seen = new HashSet<>();
    for (var entry : listeningPorts().entrySet()) {
      if (!seen.add(entry.getValue())) {
        throw new UsageException(
            entry.getKey() + "=" + entry.getValue() + " is already used by another setting");
      }
    }
  }

  private static int port(Map<String, String> env, String key, int fallback) throws UsageException {
    return port(env, key, fallback, 1, 65535, "a TCP port (1-65535)");
  }

  private static int port(
      Map<String, String> env, String key, int fallback, int min, int max, String what)
      throws UsageException {
    String raw = blankToNull(env.get(key));
    if (raw == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the same message as an out-of-range number
    }
    throw new UsageException(key + " must be " + what + ", not '" + raw + "'");
  }

  private static List<String> javaOptions(Map<String, String> env) {
    String raw = blankToNull(env.get("VESANA_INSTANCE_JAVA_OPTS"));
    return raw == null ? List.of() : Arrays.asList(raw.trim().split("\\s+"));
  }

  private static String value(Map<String, String> env, String key, String fallback) {
    String raw = blankToNull(env.get(key));
    return raw == null ? fallback : raw.trim();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
