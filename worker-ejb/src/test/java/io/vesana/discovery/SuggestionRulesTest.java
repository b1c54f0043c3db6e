package io.vesana.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuggestionRulesTest {

  static final List<SuggestionRules.Template> CATALOG =
      List.of(
          new SuggestionRules.Template(1, "cisco-network-device", List.of("1.3.6.1.4.1.9")),
          new SuggestionRules.Template(2, "cisco-special", List.of("1.3.6.1.4.1.9.1")),
          new SuggestionRules.Template(3, "windows-server", List.of()),
          new SuggestionRules.Template(4, "linux-ssh-server", List.of()),
          new SuggestionRules.Template(5, "web-server", List.of()));

  final SuggestionRules rules = new SuggestionRules(CATALOG, Map.of(4L, 40L));

  @Test
  void longestSysObjectIdPrefixOnADotBoundaryWins() {
    var s = rules.suggest(".1.3.6.1.4.1.9.1.516", List.of());
    assertThat(s).hasSize(1);
    assertThat(s.get(0).templateId()).isEqualTo(2L);
    assertThat(s.get(0).confidence()).isEqualByComparingTo("0.9");
    assertThat(s.get(0).evidence().getString("sys_object_id_prefix")).isEqualTo("1.3.6.1.4.1.9.1");
    assertThat(rules.suggest("1.3.6.1.4.1.99.1", List.of())).as("99 is not 9").isEmpty();
    assertThat(rules.suggest("1.3.6.1.4.1.9", List.of()).get(0).templateId()).isEqualTo(1L);
  }

  @Test
  void portRulesInOrderAndTheTenantsProfileReplacesItsTemplate() {
    var s = rules.suggest(null, List.of(443, 22, 3389, 80));
    assertThat(s)
        .extracting(x -> x.evidence().getString("template"))
        .containsExactly("windows-server", "linux-ssh-server", "web-server");
    assertThat(s.get(1).profileId()).isEqualTo(40L);
    assertThat(s.get(1).templateId()).isNull();
    assertThat(s.get(2).evidence().getJsonArray("ports").toString()).isEqualTo("[80,443]");
    assertThat(rules.suggest(null, List.of(8080, 161))).isEmpty();
  }

  @Test
  void aTemplateIsSuggestedOnceEvenIfTwoRulesPointAtIt() {
    var catalog = List.of(new SuggestionRules.Template(5, "web-server", List.of("1.3.6.1.4.1.5")));
    var s = new SuggestionRules(catalog, Map.of()).suggest("1.3.6.1.4.1.5.2", List.of(80));
    assertThat(s).hasSize(1);
    assertThat(s.get(0).evidence().getString("rule")).isEqualTo("sys_object_id");
  }

  @Test
  void cidrBlocksAreNormalisedAndCapped() {
    assertThat(CidrBlock.parse("10.0.0.5/24").text()).isEqualTo("10.0.0.0/24");
    assertThat(CidrBlock.parse(" 192.168.1.9 ").text()).isEqualTo("192.168.1.9/32");
    assertThat(CidrBlock.parse("10.1.0.0/16").withinScanLimit()).isTrue();
    assertThat(CidrBlock.parse("10.0.0.0/15").withinScanLimit()).isFalse();
    assertThat(CidrBlock.parse("fd00::1/112").text()).isEqualTo("fd00:0:0:0:0:0:0:0/112");
    assertThat(CidrBlock.parse("fd00::/64").withinScanLimit()).isFalse();
    for (String bad : new String[] {"10.0.0/24", "10.0.0.256/24", "10.0.0.0/33", "host/24", ""}) {
      assertThatThrownBy(() -> CidrBlock.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
