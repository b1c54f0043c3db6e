package io.vesana.launcher.components;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro JVM hosting one or more Vesana WARs.
 *
 * <p>Always started with {@code --nocluster}: instances share state through PostgreSQL and Redis
 * only, and Hazelcast's multicast discovery must never reach out on the user's network. Standard
 * output and Payara's own log go to the same file under {@code VESANA_HOME/logs}; temp files stay
 * under {@code VESANA_HOME/tmp/<name>}.
 */
public final class PayaraInstance implements Component {
  private final InstanceSpec spec;
  private final Path payaraJar;
  private final Path home;
  private final List<String> jvmOptions;
  private final Optional<Path> loggingProperties;
  private final ReadinessProbe readiness;
  private volatile Process process;
  private volatile boolean stopped;

  /**
   * @param jvmOptions heap and GC options, e.g. {@code -Xmx512m}
   * @param loggingProperties java.util.logging configuration for Payara, if any
   */
  public PayaraInstance(
      InstanceSpec spec,
      Path payaraJar,
      Path home,
      List<String> jvmOptions,
      Optional<Path> loggingProperties) {
    this.spec = spec;
    this.payaraJar = payaraJar;
    this.home = home;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.loggingProperties = loggingProperties;
    this.readiness = new ReadinessProbe(baseUri().resolve("/health/ready"));
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public Path log() {
    return home.resolve("logs").resolve(spec.name() + ".log");
  }

  private Path tmpDir() {
    return home.resolve("tmp").resolve(spec.name());
  }

  private URI baseUri() {
    return URI.create("http://127.0.0.1:" + spec.port());
  }

  /** The full command line; visible for tests. */
  List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Djava.io.tmpdir=" + tmpDir());
    command.add("-jar");
    command.add(payaraJar.toString());
    command.add("--nocluster");
    // --nocluster still starts a one-member data grid; keep its discovery on loopback. (Payara
    // Micro 6 binds that member's port, 6900+, on all interfaces regardless: firewall it.)
    command.add("--interfaces");
    command.add("127.0.0.1");
    command.add("--port");
    command.add(Integer.toString(spec.port()));
    for (InstanceSpec.Application application : spec.applications()) {
      command.add("--deploy");
      command.add(application.war().toString());
    }
    spec.postBootCommands()
        .ifPresent(
            file -> {
              command.add("--postbootcommandfile");
              command.add(file.toString());
            });
    loggingProperties.ifPresent(
        file -> {
          command.add("--logproperties");
          command.add(file.toString());
        });
    if (loggingProperties.isEmpty()) {
      command.add("--logtofile");
      command.add(log().toString());
    }
    // With --logproperties Payara ignores --logtofile; its console handler then writes to
    // standard output, which start() appends to the same log file.
    return command;
  }

  @Override
  public synchronized void start(Map<String, String> environment) throws IOException {
    if (stopped) {
      return;
    }
    Files.createDirectories(tmpDir());
    Files.createDirectories(log().getParent());
    ProcessBuilder builder = new ProcessBuilder(command());
    builder.environment().putAll(environment);
    builder.environment().putAll(spec.environment());
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.directory(home.toFile());
    process = builder.start();
  }

  @Override
  public boolean isReady() {
    Process running = process;
    return running != null && running.isAlive() && readiness.isReady();
  }

  @Override
  public Optional<ProcessHandle> process() {
    return Optional.ofNullable(process).map(Process::toHandle);
  }

  @Override
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (InstanceSpec.Application application : spec.applications()) {
      lines.add(baseUri().resolve(application.contextRoot()).toString());
    }
    lines.add("health " + baseUri().resolve("/health"));
    return lines;
  }

  @Override
  public void stop(Duration grace) {
    Process running;
    synchronized (this) {
      stopped = true;
      running = process;
    }
    if (running == null || !running.isAlive()) {
      return;
    }
    running.destroy();
    try {
      if (!running.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        running.destroyForcibly();
        running.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      running.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
