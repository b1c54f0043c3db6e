package io.vesana.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CheckSettingsTest {

  static JsonObject json(String s) {
    try (var r = Json.createReader(new StringReader(s))) {
      return r.readObject();
    }
  }

  @Test
  void eachKindReadsItsOwnFieldsWithDefaults() {
    CheckSettings s =
        CheckSettings.parse(CheckKind.SNMP, json("{\"oid\":\"1.3.6.1.2.1.1.3.0\"}"), "/settings");

    assertThat(s).isEqualTo(new CheckSettings.Snmp("1.3.6.1.2.1.1.3.0", "2c", 161, null));
    assertThat(s.toJson().toString())
        .isEqualTo("{\"oid\":\"1.3.6.1.2.1.1.3.0\",\"version\":\"2c\",\"port\":161}");
  }

  @Test
  void everyInvalidFieldIsReportedWithItsPointer() {
    assertThatThrownBy(
            () ->
                CheckSettings.parse(
                    CheckKind.SNMP,
                    json(
                        "{\"oid\":\"sysUpTime\",\"port\":70000,\"url\":\"x\",\"community\":\"public\"}"),
                    "/settings"))
        .isInstanceOfSatisfying(
            InvalidCheckException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::pointer)
                    .containsExactlyInAnyOrder(
                        "/settings/oid", "/settings/port", "/settings/url", "/settings/community"));
  }

  @Test
  void aSecretIsRefusedWithAHintToUseACredential() {
    assertThatThrownBy(
            () ->
                CheckSettings.parse(
                    CheckKind.SSH, json("{\"command\":\"uptime\",\"password\":\"x\"}"), "/s"))
        .isInstanceOfSatisfying(
            InvalidCheckException.class,
            e -> assertThat(e.errors().get(0).detail()).contains("credential_id"));
  }

  @Test
  void requiredFieldsAreRequired() {
    assertThatThrownBy(() -> CheckSettings.parse(CheckKind.TCP, json("{}"), "/settings"))
        .isInstanceOfSatisfying(
            InvalidCheckException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        new FieldError("/settings/port", "port is required for a tcp check")));
  }

  @Test
  void theMergeRulePrefersServiceThenProfileCheckThenDefault() {
    assertThat(CheckConfig.merge(5, 4, null, 120, null, null))
        .isEqualTo(new CheckConfig(5, 120, 60));
    assertThat(Sourced.pick(null, 30, 60, false).source()).isEqualTo(Sourced.Source.PROFILE_CHECK);
    assertThat(Sourced.pick(10, 30, 60, false).source()).isEqualTo(Sourced.Source.OVERRIDE);
    assertThat(Sourced.pick(10, null, 60, true).source()).isEqualTo(Sourced.Source.SERVICE);
    assertThat(Sourced.pick(null, null, 60, true).source()).isEqualTo(Sourced.Source.DEFAULT);
  }
}
