package io.vesana.launcher;

import io.vesana.launcher.components.InstanceSpec;
import io.vesana.launcher.components.InstanceSpec.Application;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Payara Micro JVMs to run for a topology. Payara Micro deploys WARs only (it refuses an
 * EAR), so each application is its own WAR and the topology decides how they share JVMs.
 */
final class InstancePlan {
  static final String PASSWORD_FILE_KEY = "VESANA_BOOTSTRAP_ADMIN_PASSWORD_FILE";

  private InstancePlan() {}

  /**
   * @param apiKeys environment only the API gets (token signing keys, field encryption key)
   * @param workerKeys environment the worker gets (field encryption key)
   */
  static List<InstanceSpec> instances(
      LaunchSettings settings,
      Path firstAdminPasswordFile,
      Map<String, String> apiKeys,
      Map<String, String> workerKeys) {
    Path root = settings.root();
    Application api = new Application(root.resolve("api-war/target/vesana-api.war"), "/api");
    Application receiver =
        new Application(root.resolve("receiver-war/target/vesana-receiver.war"), "/ingest");
    Application worker =
        new Application(root.resolve("ear/worker-war/target/vesana-worker.war"), "/worker");
    // Only the instance hosting the API bootstraps the first admin and writes its password.
    // ... and only it signs and verifies access tokens.
    Map<String, String> apiEnv = new java.util.HashMap<>(apiKeys);
    apiEnv.put(PASSWORD_FILE_KEY, firstAdminPasswordFile.toString());
    if (settings.topology() == Topology.SINGLE) {
      return List.of(
          new InstanceSpec(
              "vesana",
              settings.apiPort(),
              List.of(api, receiver, worker),
              postBoot(root, "single"),
              apiEnv));
    }
    return List.of(
        new InstanceSpec("api", settings.apiPort(), List.of(api), postBoot(root, "api"), apiEnv),
        new InstanceSpec(
            "receiver",
            settings.receiverPort(),
            List.of(receiver),
            postBoot(root, "receiver"),
            Map.of()),
        new InstanceSpec(
            "worker",
            settings.workerPort(),
            List.of(worker),
            postBoot(root, "worker"),
            workerKeys));
  }

  static Path payaraJar(LaunchSettings settings) {
    return settings.root().resolve("server-config/target/payara/payara-micro.jar");
  }

  static Optional<Path> loggingProperties(LaunchSettings settings) {
    Path file = settings.root().resolve("server-config/src/main/payara/logging.properties");
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  private static Optional<Path> postBoot(Path root, String role) {
    Path file = root.resolve("server-config/src/main/payara/" + role + ".asadmin");
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }
}
