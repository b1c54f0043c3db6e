package io.vesana.receiver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CredentialsTest {

  static final String TOKEN = "vesana_agent_abcdefghijklmnopqrstuvwxyz012345";

  @Test
  void malformedCredentialsAreRefusedBeforeAnyLookup() {
    for (String[] headers :
        new String[][] {
          {null, null},
          {TOKEN, "key"},
          {"vesana_agent_short", null},
          {TOKEN + "x", null},
          {"vesana_agent_abcdefghijklmnopqrstuvwxyz01234+", null},
          {null, ""},
          {null, "has space"},
          {null, "k".repeat(201)},
          {null, "caf\u00e9"}
        }) {
      assertThatThrownBy(() -> PresentedCredential.of(headers[0], headers[1]))
          .isInstanceOf(UnauthenticatedException.class);
    }
    assertThat(PresentedCredential.of(TOKEN, null).type())
        .isEqualTo(PresentedCredential.Type.AGENT_TOKEN);
    assertThat(PresentedCredential.of(null, "k".repeat(200)).cacheKey())
        .startsWith("API_KEY:")
        .doesNotContain("kkk");
  }

  @Test
  void cacheAnswersWithinTtlAndAsksAgainAfter() {
    MutableClock clock = new MutableClock();
    CredentialCache cache = new CredentialCache(clock, 5_000, 100);
    AtomicInteger lookups = new AtomicInteger();
    Sender sender = new Sender(1, Sender.Kind.AGENT, 7);
    assertThat(cache.get("a", () -> count(lookups, Optional.of(sender)))).contains(sender);
    assertThat(cache.get("a", () -> count(lookups, Optional.empty()))).contains(sender);
    assertThat(lookups).hasValue(1);
    clock.advance(Duration.ofMillis(5_001));
    assertThat(cache.get("a", () -> count(lookups, Optional.empty()))).isEmpty();
    assertThat(cache.get("a", () -> count(lookups, Optional.of(sender)))).isEmpty();
    assertThat(lookups).hasValue(2);
  }

  @Test
  void cacheStaysBoundedUnderAFloodOfUnknownKeys() {
    CredentialCache cache = new CredentialCache(new MutableClock(), 5_000, 10);
    Sender sender = new Sender(1, Sender.Kind.COLLECTOR, 3);
    cache.get("good", () -> Optional.of(sender));
    for (int i = 0; i < 1_000; i++) {
      cache.get("bad" + i, Optional::empty);
    }
    assertThat(cache.size()).isLessThanOrEqualTo(20);
    assertThat(cache.get("good", Optional::empty)).contains(sender);
  }

  private static Optional<Sender> count(AtomicInteger lookups, Optional<Sender> answer) {
    lookups.incrementAndGet();
    return answer;
  }

  /** A clock the test moves by hand: no sleeping, no wall-clock assertions. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-23T22:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
