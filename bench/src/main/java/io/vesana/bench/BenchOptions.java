package io.vesana.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Command line of the pipeline benchmark: {@code --key value} pairs, each with a default. Modes:
 * {@code quick} (60 s of load) and {@code soak} (30 min). Before the measured load, {@code
 * --warmup-rounds} (default 1) rounds of every host's batch are sent and stored, unmeasured: a
 * service's first result creates its current_status row and fills the worker's caches, which a new
 * tenant of 100k services does all at once and a running system does not.
 */
record BenchOptions(
    String mode,
    Duration duration,
    int hosts,
    int servicesPerHost,
    Duration interval,
    int senders,
    String receiverUrl,
    String dbUrl,
    String dbUser,
    String dbPassword,
    Duration drainTimeout,
    int warmupRounds) {

  static BenchOptions parse(String[] args) {
    Map<String, String> kv = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String key = args[i];
      if (!key.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value pairs, got '" + key + "'");
      }
      kv.put(key.substring(2), args[++i]);
    }
    String mode = kv.getOrDefault("mode", "quick");
    Duration duration =
        switch (mode) {
          case "quick" -> Duration.ofSeconds(60);
          case "soak" -> Duration.ofMinutes(30);
          default -> throw new IllegalArgumentException("--mode must be quick or soak");
        };
    if (kv.containsKey("seconds")) {
      duration = Duration.ofSeconds(positive(kv, "seconds", 60));
    }
    String env =
        System.getenv().getOrDefault("VESANA_DB_URL", "jdbc:postgresql://127.0.0.1:15432/vesana");
    return new BenchOptions(
        mode,
        duration,
        positive(kv, "hosts", 2000),
        positive(kv, "services", 50),
        Duration.ofMillis(positive(kv, "interval-ms", 2000)),
        positive(kv, "senders", 48),
        kv.getOrDefault("receiver", "http://127.0.0.1:8081/ingest"),
        kv.getOrDefault("db", env),
        kv.getOrDefault("db-user", System.getenv().getOrDefault("VESANA_DB_USER", "postgres")),
        kv.getOrDefault("db-password", System.getenv().getOrDefault("VESANA_DB_PASSWORD", "")),
        Duration.ofSeconds(positive(kv, "drain-seconds", 900)),
        nonNegative(kv, "warmup-rounds", 1));
  }

  private static int positive(Map<String, String> kv, String key, int dflt) {
    String v = kv.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + key + " must be a positive integer, was '" + v + "'");
    }
  }

  private static int nonNegative(Map<String, String> kv, String key, int dflt) {
    return "0".equals(kv.get(key)) ? 0 : positive(kv, key, dflt);
  }

  long offeredResultsPerSecond() {
    return (long) hosts * servicesPerHost * 1000 / interval.toMillis();
  }
}
