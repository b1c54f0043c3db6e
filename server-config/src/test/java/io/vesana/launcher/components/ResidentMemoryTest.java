package io.vesana.launcher.components;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

  @Test
  void readsVmRssFromProcStatus() {
    assertThat(
            ResidentMemory.parse(List.of("Name:\tjava", "VmPeak:\t 9 kB", "VmRSS:\t  412345 kB")))
        .contains(412345L);
    assertThat(ResidentMemory.parse(List.of("Name:\tkthreadd"))).isEmpty();
  }

  @Test
  void readsTheRssOfThisJvm() {
    assertThat(ResidentMemory.kibibytes(ProcessHandle.current().pid()))
        .hasValueSatisfying(kib -> assertThat(kib).isPositive());
  }
}
