package io.vesana.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubcommandTest {

  @Test
  void knowsItsSubcommands() throws Exception {
    assertThat(Subcommand.parse(new String[] {"start"})).isEqualTo(Subcommand.START);
    assertThat(Subcommand.parse(new String[] {"services"})).isEqualTo(Subcommand.SERVICES);
    assertThat(Subcommand.parse(new String[] {"--help"})).isEqualTo(Subcommand.HELP);
    assertThat(Subcommand.parse(new String[] {})).isEqualTo(Subcommand.HELP);
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    assertThatThrownBy(() -> Subcommand.parse(new String[] {"strat"}))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("strat");
    assertThatThrownBy(() -> Subcommand.parse(new String[] {"start", "--port"}))
        .isInstanceOf(UsageException.class);
  }

  @Test
  void storeSelectionAcceptsOnlyKnownStores() throws Exception {
    assertThat(StoreSelection.parse("redis, postgres")).containsExactly("postgres", "redis");
    assertThatThrownBy(() -> StoreSelection.parse("mysql"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("mysql");
  }
}
