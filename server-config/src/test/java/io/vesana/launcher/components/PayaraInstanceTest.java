package io.vesana.launcher.components;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PayaraInstanceTest {

  @Test
  void commandNeverClustersAndKeepsTempAndLogsInTheDataDirectory() {
    var spec =
        new InstanceSpec(
            "receiver",
            8081,
            List.of(new InstanceSpec.Application(Path.of("/r/receiver.war"), "/ingest")),
            Optional.of(Path.of("/r/receiver.asadmin")),
            Map.of());
    var instance =
        new PayaraInstance(
            spec,
            Path.of("/r/payara-micro.jar"),
            Path.of("/data"),
            List.of("-Xmx256m"),
            Optional.empty());

    List<String> command = instance.command();

    assertThat(command).contains("--nocluster", "-Xmx256m", "-Djava.io.tmpdir=/data/tmp/receiver");
    assertThat(command).containsSubsequence("--port", "8081");
    assertThat(command).containsSubsequence("--deploy", "/r/receiver.war");
    assertThat(command).containsSubsequence("--postbootcommandfile", "/r/receiver.asadmin");
    assertThat(command).containsSubsequence("--logtofile", "/data/logs/receiver.log");
    assertThat(instance.describe())
        .containsExactly("http://127.0.0.1:8081/ingest", "health http://127.0.0.1:8081/health");
  }
}
