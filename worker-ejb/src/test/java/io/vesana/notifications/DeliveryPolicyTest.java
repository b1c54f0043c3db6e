package io.vesana.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Failure typing, back-off and rule matching, without a database. */
class DeliveryPolicyTest {

  final AlertFacts alert =
      new AlertFacts(
          1,
          1,
          7,
          "web",
          3L,
          "CPU",
          "critical",
          2,
          "x",
          Instant.EPOCH,
          null,
          false,
          Set.of(4L, 9L));

  @Test
  void httpAnswersAreTypedTemporaryOrPermanent() {
    assertThat(SendOutcome.ofHttp(204).result()).isEqualTo(SendOutcome.Result.SENT);
    for (int s : new int[] {500, 502, 503, 408, 429}) {
      assertThat(SendOutcome.ofHttp(s).result())
          .as("%d", s)
          .isEqualTo(SendOutcome.Result.TEMPORARY);
    }
    for (int s : new int[] {301, 400, 401, 403, 404, 410}) {
      assertThat(SendOutcome.ofHttp(s).result())
          .as("%d", s)
          .isEqualTo(SendOutcome.Result.PERMANENT);
    }
    assertThat(SendOutcome.ofHttp(302).error()).contains("redirects are not followed");
  }

  @Test
  void backoffDoublesUpToTheCap() {
    DeliverySettings s = DeliverySettings.defaults();
    assertThat(s.backoff(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.backoff(2)).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.backoff(4)).isEqualTo(Duration.ofSeconds(240));
    assertThat(s.backoff(20)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void rulesMatchOnEveryListTheyHave() {
    assertThat(RuleMatch.matches(match("{}"), alert)).isTrue();
    assertThat(RuleMatch.matches(match("{\"severities\": []}"), alert)).isTrue();
    assertThat(RuleMatch.matches(match("{\"severities\": [\"warning\", \"critical\"]}"), alert))
        .isTrue();
    assertThat(RuleMatch.matches(match("{\"severities\": [\"warning\"]}"), alert)).isFalse();
    assertThat(RuleMatch.matches(match("{\"states\": [2], \"host_ids\": [7]}"), alert)).isTrue();
    assertThat(RuleMatch.matches(match("{\"states\": [2], \"host_ids\": [8]}"), alert)).isFalse();
    assertThat(RuleMatch.matches(match("{\"host_group_ids\": [9]}"), alert))
        .as("a parent group")
        .isTrue();
    assertThat(RuleMatch.matches(match("{\"host_group_ids\": [5]}"), alert)).isFalse();
  }

  private static JsonObject match(String json) {
    JsonObject m = Json.createReader(new StringReader(json)).readObject();
    RuleMatch.validate(m);
    return m;
  }
}
