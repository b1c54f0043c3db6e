package io.vesana.launcher;

import java.util.List;

/** What {@code bin/vesana} was asked to do; {@code test} is handled by the script itself. */
enum Subcommand {
  START,
  SERVICES,
  HELP;

  static Subcommand parse(String[] args) throws UsageException {
    if (args.length == 0) {
      return HELP;
    }
    if (args.length > 1) {
      throw new UsageException(
          "'" + args[0] + "' takes no arguments (settings come from environment variables)");
    }
    switch (args[0]) {
      case "start":
        return START;
      case "services":
        return SERVICES;
      case "help":
      case "-h":
      case "--help":
        return HELP;
      default:
        throw new UsageException("unknown subcommand '" + args[0] + "'; try: vesana help");
    }
  }

  static List<String> usage() {
    return List.of(
        "Usage: vesana <start|test|services|help>",
        "  start     build what is missing, start PostgreSQL and Redis (embedded unless",
        "            VESANA_DB_URL / VESANA_REDIS_URL are set) and the Vesana instances;",
        "            Ctrl-C stops everything",
        "  test      run the project's tests (mvn -B verify, extra arguments passed on)",
        "  services  run only embedded PostgreSQL and Redis until Ctrl-C",
        "  help      this text",
        "Settings (environment): VESANA_HOME, VESANA_TOPOLOGY=split|single, VESANA_API_PORT,",
        "  VESANA_RECEIVER_PORT, VESANA_WORKER_PORT, VESANA_EMBEDDED_PG_PORT,",
        "  VESANA_EMBEDDED_REDIS_PORT, VESANA_INSTANCE_HEAP, VESANA_INSTANCE_JAVA_OPTS,",
        "  VESANA_READY_TIMEOUT_SECONDS, VESANA_DB_URL/USER/PASSWORD, VESANA_REDIS_URL.",
        "  See docs/running.md.");
  }
}
