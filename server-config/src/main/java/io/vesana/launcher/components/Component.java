package io.vesana.launcher.components;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One process the launcher runs and supervises.
 *
 * <p>Contract: {@link #start} is called once, from one thread; {@link #isReady} and {@link
 * #process} may be called from any thread afterwards; {@link #stop} may be called at any time, more
 * than once, including before or during {@link #start}'s effect, and must return within about the
 * grace period plus a few seconds.
 */
public interface Component {

  /** Short, stable name used on the terminal and for its log and temp directory. */
  String name();

  /** Launches the process with these variables added to the launcher's own environment. */
  void start(Map<String, String> environment) throws IOException;

  /** One readiness probe; does not wait. */
  boolean isReady();

  /** The running process, once started. */
  Optional<ProcessHandle> process();

  /** Lines for the start-up summary, e.g. the URLs a user opens. */
  List<String> describe();

  /** Where the component writes its output, shown when it fails. */
  Path log();

  /** Asks the process to stop, waits up to {@code grace}, then kills it. */
  void stop(Duration grace);
}
