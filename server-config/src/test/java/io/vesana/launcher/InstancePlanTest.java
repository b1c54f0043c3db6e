package io.vesana.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.launcher.components.InstanceSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstancePlanTest {
  private static final Path PASSWORD = Path.of("/data/secrets/first-admin-password");

  @Test
  void splitRunsOneInstancePerApplicationAndOnlyTheApiBootstrapsTheAdmin() throws Exception {
    LaunchSettings settings = LaunchSettings.from(Map.of(), Path.of("/repo"));

    List<InstanceSpec> instances = InstancePlan.instances(settings, PASSWORD, Map.of(), Map.of());

    assertThat(instances)
        .extracting(InstanceSpec::name)
        .containsExactly("api", "receiver", "worker");
    assertThat(instances).extracting(InstanceSpec::port).containsExactly(8080, 8081, 8082);
    assertThat(instances.get(0).environment())
        .containsEntry("VESANA_BOOTSTRAP_ADMIN_PASSWORD_FILE", PASSWORD.toString());
    assertThat(instances.get(1).environment()).isEmpty();
    assertThat(instances.get(2).applications().get(0).war())
        .isEqualTo(Path.of("/repo/ear/worker-war/target/vesana-worker.war"));
  }

  @Test
  void singleDeploysAllThreeIntoOneInstanceOnTheApiPort() throws Exception {
    LaunchSettings settings =
        LaunchSettings.from(
            Map.of("VESANA_TOPOLOGY", "single", "VESANA_API_PORT", "9000"), Path.of("/repo"));

    List<InstanceSpec> instances = InstancePlan.instances(settings, PASSWORD, Map.of(), Map.of());

    assertThat(instances).hasSize(1);
    assertThat(instances.get(0).port()).isEqualTo(9000);
    assertThat(instances.get(0).applications())
        .extracting(InstanceSpec.Application::contextRoot)
        .containsExactly("/api", "/ingest", "/worker");
  }
}
