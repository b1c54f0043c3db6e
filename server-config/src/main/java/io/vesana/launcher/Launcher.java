package io.vesana.launcher;

import io.vesana.launcher.backing.EmbeddedPostgresServer;
import io.vesana.launcher.backing.EmbeddedRedisServer;
import io.vesana.launcher.components.Component;
import io.vesana.launcher.components.InstanceSpec;
import io.vesana.launcher.components.PayaraInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of {@code bin/vesana}: {@code start} runs the whole system, {@code services} only the
 * embedded PostgreSQL and Redis (for tests on a machine without them).
 *
 * <p>Exit codes: 0 stopped normally, 1 something failed at run time, 2 bad input.
 */
public final class Launcher {
  /** Kept strongly referenced: java.util.logging forgets levels of collected loggers. */
  private static final Logger LIBRARIES = Logger.getLogger("io.zonky");

  private Launcher() {}

  public static void main(String[] args) {
    long startedNanos = System.nanoTime();
    LIBRARIES.setLevel(Level.WARNING);
    int code;
    try {
      code = run(args, System.getenv(), startedNanos);
    } catch (UsageException e) {
      Console.complain("vesana: " + e.getMessage());
      code = 2;
    } catch (IOException e) {
      Console.complain("vesana: " + describe(e));
      Logger.getLogger(Launcher.class.getName()).log(Level.FINE, "start failed", e);
      code = 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      code = 1;
    }
    System.exit(code);
  }

  static int run(String[] args, Map<String, String> env, long startedNanos)
      throws UsageException, IOException, InterruptedException {
    Subcommand command = Subcommand.parse(args);
    Path root = Path.of(System.getProperty("vesana.root", "."));
    switch (command) {
      case HELP:
        Subcommand.usage().forEach(Console::say);
        return 0;
      case SERVICES:
        return services(
            LaunchSettings.from(env, root).withEmbeddedStores(),
            env.getOrDefault("VESANA_SERVICES", "postgres,redis"));
      case START:
      default:
        return start(LaunchSettings.from(env, root), env, startedNanos);
    }
  }

  private static int start(LaunchSettings settings, Map<String, String> env, long startedNanos)
      throws UsageException, IOException, InterruptedException {
    PortAvailability.requireFree(settings.listeningPorts());
    FirstAdminPassword password = new FirstAdminPassword(settings.home());
    password.prepareDirectory();
    List<Component> components = new ArrayList<>();
    Map<String, String> apiKeys = new HashMap<>(new JwtSigningKeys(settings.home()).ensure());
    Map<String, String> fieldKey = new FieldEncryptionKeyFile(settings.home()).ensure(env);
    apiKeys.putAll(fieldKey);
    for (InstanceSpec spec : InstancePlan.instances(settings, password.file(), apiKeys, fieldKey)) {
      for (InstanceSpec.Application application : spec.applications()) {
        requireFile(application.war(), "run bin/vesana start, which builds it");
      }
      components.add(
          new PayaraInstance(
              spec,
              InstancePlan.payaraJar(settings),
              settings.home(),
              jvmOptions(settings),
              InstancePlan.loggingProperties(settings)));
    }
    requireFile(InstancePlan.payaraJar(settings), "build server-config with mvn package");
    RunningSystem system = new RunningSystem(settings, components, password, startedNanos);
    Runtime.getRuntime().addShutdownHook(new Thread(system::stop, "vesana-stop"));
    Console.say(
        "Starting Vesana ("
            + components.size()
            + " instance(s)); logs in "
            + settings.home().resolve("logs"));
    return system.run();
  }

  /**
   * Embedded stores only, in the foreground. {@code VESANA_SERVICES} (default {@code
   * postgres,redis}) picks which, so the test command can add just the one that is missing.
   */
  private static int services(LaunchSettings settings, String which)
      throws UsageException, IOException, InterruptedException {
    Set<String> wanted = StoreSelection.parse(which);
    Map<String, Integer> ports = new LinkedHashMap<>(settings.storePorts());
    ports.keySet().removeIf(key -> !wanted.contains(StoreSelection.storeOf(key)));
    PortAvailability.requireFree(ports);
    EmbeddedPostgresServer postgres =
        wanted.contains(StoreSelection.POSTGRES)
            ? EmbeddedPostgresServer.start(settings.home(), settings.embeddedPostgresPort())
            : null;
    EmbeddedRedisServer redis;
    try {
      redis =
          wanted.contains(StoreSelection.REDIS)
              ? EmbeddedRedisServer.start(settings.home(), settings.embeddedRedisPort())
              : null;
    } catch (IOException e) {
      if (postgres != null) {
        postgres.close();
      }
      throw e;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> StoreSelection.stop(redis, postgres), "vesana-services-stop"));
    if (postgres != null) {
      Console.say("PostgreSQL " + postgres.endpoint().describe());
    }
    if (redis != null) {
      Console.say("Redis      " + redis.endpoint().describe());
    }
    Console.say("Data in " + settings.home() + ". Press Ctrl-C to stop.");
    new CountDownLatch(1).await();
    return 0;
  }

  static List<String> jvmOptions(LaunchSettings settings) {
    List<String> options = new ArrayList<>();
    options.add("-Xmx" + settings.instanceHeap());
    // Serial GC: a few hundred MB heap and a handful of request threads per instance; it keeps
    // RSS well below G1's at the same -Xmx with no measurable pause cost at this size.
    options.add("-XX:+UseSerialGC");
    // An instance out of memory is broken; exiting lets the launcher or systemd restart it.
    options.add("-XX:+ExitOnOutOfMemoryError");
    options.addAll(settings.instanceJavaOptions());
    return options;
  }

  private static void requireFile(Path file, String hint) throws UsageException {
    if (!Files.isRegularFile(file)) {
      throw new UsageException(file + " is missing; " + hint);
    }
  }

  private static String describe(Throwable e) {
    StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
    Map<Throwable, Boolean> seen = new HashMap<>();
    for (Throwable cause = e.getCause();
        cause != null && seen.put(cause, true) == null;
        cause = cause.getCause()) {
      message.append(": ").append(cause.getMessage());
    }
    return message.toString();
  }
}
