package io.vesana.launcher;

import io.vesana.launcher.backing.BackingServices;
import io.vesana.launcher.components.Component;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code vesana start}: stores, then all components at once, then waiting for readiness,
 * then supervision until Ctrl-C, SIGTERM or a component dying.
 *
 * <p>Thread safety: {@link #run} runs on the main thread; {@link #stop} may run at the same time
 * from the JVM shutdown hook and is idempotent. Stop order is the reverse of start order:
 * components, then Redis, then PostgreSQL.
 */
final class RunningSystem {
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final int LOG_TAIL_LINES = 40;

  private final LaunchSettings settings;
  private final List<Component> components;
  private final FirstAdminPassword firstAdminPassword;
  private final long startedNanos;
  private BackingServices backing;
  private boolean stopping;

  RunningSystem(
      LaunchSettings settings,
      List<Component> components,
      FirstAdminPassword firstAdminPassword,
      long startedNanos) {
    this.settings = settings;
    this.components = List.copyOf(components);
    this.firstAdminPassword = firstAdminPassword;
    this.startedNanos = startedNanos;
  }

  /** Runs until something ends it; returns the process exit code. */
  int run() throws IOException, InterruptedException {
    BackingServices started = BackingServices.start(settings);
    synchronized (this) {
      backing = started;
      if (stopping) {
        started.close();
        return 0;
      }
    }
    Map<String, String> environment = started.instanceEnvironment();
    for (Component component : components) {
      component.start(environment);
    }
    Optional<String> failure = awaitReady();
    if (failure.isPresent()) {
      Console.complain(failure.get());
      stop();
      return 1;
    }
    if (isStopping()) {
      return 0; // Ctrl-C during start: the shutdown hook has stopped everything
    }
    Duration startToReady = Duration.ofNanos(System.nanoTime() - startedNanos);
    Optional<String> password = firstAdminPassword.takeOnce();
    StartupSummary.lines(settings, startToReady, components, started, password)
        .forEach(Console::say);
    return superviseUntilExit();
  }

  private Optional<String> awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
    List<Component> waiting = new java.util.ArrayList<>(components);
    while (!waiting.isEmpty()) {
      for (var it = waiting.iterator(); it.hasNext(); ) {
        Component component = it.next();
        if (isStopping()) {
          return Optional.empty();
        }
        if (component.process().map(p -> !p.isAlive()).orElse(true)) {
          return Optional.of(failed(component, "exited during start"));
        }
        if (component.isReady()) {
          Console.say("  " + component.name() + " is ready");
          it.remove();
        }
      }
      if (System.nanoTime() > deadline) {
        return Optional.of(
            failed(
                waiting.get(0),
                "was not ready within " + settings.readyTimeout().toSeconds() + " s"));
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    return Optional.empty();
  }

  private int superviseUntilExit() throws InterruptedException {
    CompletableFuture<?>[] exits =
        components.stream()
            .flatMap(c -> c.process().stream())
            .map(ProcessHandle::onExit)
            .toArray(CompletableFuture<?>[]::new);
    CompletableFuture.anyOf(exits).join();
    // Ctrl-C reaches the instances too; give the shutdown hook a moment to claim the stop.
    TimeUnit.SECONDS.sleep(1);
    if (isStopping()) {
      return 0;
    }
    for (Component component : components) {
      if (component.process().map(p -> !p.isAlive()).orElse(true)) {
        Console.complain(failed(component, "exited unexpectedly; stopping everything"));
      }
    }
    stop();
    return 1;
  }

  /** Stops everything that was started, once; later calls wait for the first to finish. */
  synchronized void stop() {
    if (stopping && backing == null) {
      return;
    }
    stopping = true;
    components.parallelStream().forEach(c -> c.stop(STOP_GRACE));
    if (backing != null) {
      backing.close();
      backing = null;
    }
  }

  private synchronized boolean isStopping() {
    return stopping;
  }

  private String failed(Component component, String what) {
    StringBuilder message = new StringBuilder();
    message.append("vesana: instance '").append(component.name()).append("' ").append(what);
    message.append("\n--- last lines of ").append(component.log()).append(" ---\n");
    for (String line : tail(component.log())) {
      message.append(line).append('\n');
    }
    return message.toString();
  }

  private static List<String> tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
    } catch (IOException e) {
      return List.of("(log not readable: " + e.getMessage() + ")");
    }
  }
}
