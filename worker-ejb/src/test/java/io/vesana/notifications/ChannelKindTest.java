package io.vesana.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ChannelKindTest {

  static JsonObject json(String s) {
    return Json.createReader(new StringReader(s)).readObject();
  }

  static String pointerOf(Runnable r) {
    InvalidNotificationException e =
        catchThrowableOfType(InvalidNotificationException.class, r::run);
    assertThat(e).as("refused").isNotNull();
    return e.pointer();
  }

  @Test
  void eachKindTakesItsOwnSettingsAndNothingElse() {
    assertThatCode(
            () ->
                ChannelKind.SMTP.validate(
                    json(
                        "{\"host\":\"mx\",\"port\":25,\"from\":\"a@b.example\","
                            + "\"to\":[\"c@d.example\"],\"starttls\":false}")))
        .doesNotThrowAnyException();
    assertThat(pointerOf(() -> ChannelKind.SMTP.validate(json("{\"host\":\"mx\"}"))))
        .isEqualTo("/settings/from");
    assertThat(
            pointerOf(
                () -> ChannelKind.WEBHOOK.validate(json("{\"url\":\"https://x\",\"to\":[]}"))))
        .isEqualTo("/settings/to");
    assertThat(pointerOf(() -> ChannelKind.WEBHOOK.validate(json("{\"url\":\"javascript:x\"}"))))
        .isEqualTo("/settings/url");
    assertThat(pointerOf(() -> ChannelKind.TELEGRAM.validate(json("{}"))))
        .isEqualTo("/settings/chat_id");
    assertThat(pointerOf(() -> ChannelKind.of("carrier-pigeon"))).isEqualTo("/kind");
    assertThat(ChannelKind.PAGERDUTY.secretRequired()).isTrue();
    assertThat(ChannelKind.WEBHOOK.secretRequired()).isFalse();
  }

  @Test
  void ruleMatchAcceptsKnownListsOnly() {
    assertThatCode(
            () ->
                RuleMatch.validate(
                    json(
                        "{\"severities\":[\"critical\",\"unreachable\"],\"states\":[2,3],"
                            + "\"host_group_ids\":[1],\"host_ids\":[2]}")))
        .doesNotThrowAnyException();
    assertThat(pointerOf(() -> RuleMatch.validate(json("{\"states\":[4]}"))))
        .isEqualTo("/match/states");
    assertThat(pointerOf(() -> RuleMatch.validate(json("{\"labels\":{}}"))))
        .isEqualTo("/match/labels");
    assertThat(pointerOf(() -> RuleMatch.validate(json("{\"host_ids\":\"7\"}"))))
        .isEqualTo("/match/host_ids");
    assertThat(RuleMatch.hostIds(json("{\"host_ids\":[7,8]}"))).containsExactly(7L, 8L);
  }
}
