package io.vesana.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CheckStateTest {

  @Test
  void mapsNagiosExitCodesBothWays() {
    for (CheckState s : CheckState.values()) {
      assertThat(CheckState.ofCode(s.code())).isSameAs(s);
    }
    assertThat(CheckState.ofCode(2)).isEqualTo(CheckState.CRITICAL);
  }

  @Test
  void rejectsCodesOutsideTheNagiosRange() {
    assertThatThrownBy(() -> CheckState.ofCode(4)).hasMessageContaining("0..3");
    assertThatThrownBy(() -> CheckState.ofCode(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsOnlyItsOwnContractVersion() {
    assertThat(WireContract.accepts(WireContract.VERSION)).isTrue();
    assertThat(WireContract.accepts(WireContract.VERSION + 1)).isFalse();
  }
}
