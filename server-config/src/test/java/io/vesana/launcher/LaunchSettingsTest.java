package io.vesana.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchSettingsTest {
  private static final Path ROOT = Path.of("/srv/vesana");

  @Test
  void defaultsStartEverythingEmbeddedInTheRepositoryDataDirectory() throws Exception {
    LaunchSettings settings = LaunchSettings.from(Map.of(), ROOT);

    assertThat(settings.home()).isEqualTo(Path.of("/srv/vesana/.vesana"));
    assertThat(settings.topology()).isEqualTo(Topology.SPLIT);
    assertThat(settings.listeningPorts())
        .containsExactly(
            Map.entry("VESANA_EMBEDDED_PG_PORT", 15432),
            Map.entry("VESANA_EMBEDDED_REDIS_PORT", 16379),
            Map.entry("VESANA_API_PORT", 8080),
            Map.entry("VESANA_RECEIVER_PORT", 8081),
            Map.entry("VESANA_WORKER_PORT", 8082));
    assertThat(settings.instanceHeap()).isEqualTo("512m");
    assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(180));
    assertThat(settings.adminEmail()).isEqualTo("admin@vesana.local");
  }

  @Test
  void externalStoresAreNotStartedAndTheirPortsNotClaimed() throws Exception {
    LaunchSettings settings =
        LaunchSettings.from(
            Map.of(
                "VESANA_DB_URL", "jdbc:postgresql://db:5432/vesana",
                "VESANA_DB_USER", "vesana",
                "VESANA_DB_PASSWORD", "secret",
                "VESANA_REDIS_URL", "redis://cache:6379",
                "VESANA_TOPOLOGY", "Single",
                "VESANA_HOME", "/var/lib/vesana"),
            ROOT);

    assertThat(settings.dbUrl()).contains("jdbc:postgresql://db:5432/vesana");
    assertThat(settings.redisUrl()).contains("redis://cache:6379");
    assertThat(settings.home()).isEqualTo(Path.of("/var/lib/vesana"));
    assertThat(settings.listeningPorts()).containsOnlyKeys("VESANA_API_PORT");
    assertThat(settings.withEmbeddedStores().storePorts())
        .containsOnlyKeys("VESANA_EMBEDDED_PG_PORT", "VESANA_EMBEDDED_REDIS_PORT");
  }

  @Test
  void rejectsPortsOutsideTheTcpRange() {
    assertThatThrownBy(() -> LaunchSettings.from(Map.of("VESANA_API_PORT", "80800"), ROOT))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("VESANA_API_PORT")
        .hasMessageContaining("80800");
    assertThatThrownBy(() -> LaunchSettings.from(Map.of("VESANA_WORKER_PORT", "http"), ROOT))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("VESANA_WORKER_PORT");
  }

  @Test
  void rejectsTwoSettingsOnTheSamePort() {
    assertThatThrownBy(() -> LaunchSettings.from(Map.of("VESANA_RECEIVER_PORT", "8080"), ROOT))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("VESANA_RECEIVER_PORT=8080");
  }

  @Test
  void rejectsUnknownTopologyAndMalformedHeap() {
    assertThatThrownBy(() -> LaunchSettings.from(Map.of("VESANA_TOPOLOGY", "cluster"), ROOT))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("split");
    assertThatThrownBy(() -> LaunchSettings.from(Map.of("VESANA_INSTANCE_HEAP", "lots"), ROOT))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("VESANA_INSTANCE_HEAP");
  }

  @Test
  void extraJavaOptionsAreSplitOnWhitespace() throws Exception {
    LaunchSettings settings =
        LaunchSettings.from(
            Map.of("VESANA_INSTANCE_JAVA_OPTS", " -XX:+UseG1GC   -Dfoo=bar "), ROOT);

    assertThat(Launcher.jvmOptions(settings))
        .containsSubsequence("-Xmx512m", "-XX:+UseG1GC", "-Dfoo=bar");
  }
}
