package io.vesana.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GoldenSamplesTest {

  @Test
  void everyV1SampleShipsAndStatesItsVersion() {
    for (String name : GoldenSamples.V1) {
      assertThat(GoldenSamples.v1(name)).as(name).contains("\"v\": " + WireContract.VERSION);
    }
  }

  @Test
  void unknownSampleIsAnError() {
    assertThatThrownBy(() -> GoldenSamples.v1("nope.json")).hasMessageContaining("nope.json");
  }
}
