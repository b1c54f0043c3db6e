package io.vesana.receiver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
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
  void aFoundCredentialLivesWhileItsTenantsGenerationStandsStill() {
    MutableClock clock = new MutableClock();
    Map<Long, Long> db = new HashMap<>(Map.of(1L, 0L));
    TenantGenerations generations = new TenantGenerations(clock::millis);
    CredentialCache cache = new CredentialCache(clock, 600_000, 5_000, 100, generations);
    AtomicInteger lookups = new AtomicInteger();
    Found found = new Found(new Sender(1, Sender.Kind.AGENT, 7), Long.MAX_VALUE);
    generations.refreshIfDue(() -> db);
    assertThat(cache.get("a", () -> count(lookups, Optional.of(found)))).contains(found.sender());
    // Minutes later, generations read every 2 s and unchanged: still the cached answer.
    for (int i = 0; i < 100; i++) {
      clock.advance(Duration.ofMillis(2_001));
      generations.refreshIfDue(() -> db);
      assertThat(cache.get("a", () -> count(lookups, Optional.empty()))).isPresent();
    }
    assertThat(lookups).hasValue(1);
    // Revoked: the tenant's generation moves; the next read of it ends the cached answer.
    db.put(1L, 1L);
    clock.advance(Duration.ofMillis(2_001));
    generations.refreshIfDue(() -> db);
    assertThat(cache.get("a", () -> count(lookups, Optional.empty()))).isEmpty();
    assertThat(lookups).hasValue(2);
  }

  @Test
  void withoutReadableGenerationsEverythingFallsBackToTheShortTtl() {
    MutableClock clock = new MutableClock();
    TenantGenerations generations = new TenantGenerations(clock::millis);
    CredentialCache cache = new CredentialCache(clock, 600_000, 5_000, 100, generations);
    AtomicInteger lookups = new AtomicInteger();
    Found found = new Found(new Sender(1, Sender.Kind.AGENT, 7), Long.MAX_VALUE);
    generations.refreshIfDue(() -> Map.of(1L, 0L));
    cache.get("a", () -> count(lookups, Optional.of(found)));
    // The generations stop being readable: after 10 s they are stale, and entries older than the
    // fallback TTL are looked up again.
    clock.advance(Duration.ofMillis(10_001));
    assertThatThrownBy(
            () ->
                generations.refreshIfDue(
                    () -> {
                      throw new CredentialStoreUnavailableException(new java.sql.SQLException());
                    }))
        .isInstanceOf(CredentialStoreUnavailableException.class);
    assertThat(generations.current()).isFalse();
    assertThat(cache.get("a", () -> count(lookups, Optional.empty()))).isEmpty();
    assertThat(lookups).hasValue(2);
    // Absences always live the short TTL.
    clock.advance(Duration.ofMillis(4_000));
    assertThat(cache.get("a", () -> count(lookups, Optional.of(found)))).isEmpty();
    clock.advance(Duration.ofMillis(1_001));
    assertThat(cache.get("a", () -> count(lookups, Optional.of(found)))).isPresent();
    assertThat(lookups).hasValue(3);
  }

  @Test
  void aCachedCredentialNeverOutlivesItsExpiry() {
    MutableClock clock = new MutableClock();
    TenantGenerations generations = new TenantGenerations(clock::millis);
    generations.refreshIfDue(() -> Map.of(1L, 0L));
    CredentialCache cache = new CredentialCache(clock, 600_000, 5_000, 100, generations);
    Found expiring = new Found(new Sender(1, Sender.Kind.AGENT, 7), clock.millis() + 1_000);
    assertThat(cache.get("a", () -> Optional.of(expiring))).isPresent();
    clock.advance(Duration.ofMillis(1_000));
    assertThat(cache.get("a", Optional::empty)).isEmpty();
  }

  @Test
  void cacheStaysBoundedUnderAFloodOfUnknownKeys() {
    TenantGenerations generations = new TenantGenerations(() -> 0L);
    CredentialCache cache = new CredentialCache(new MutableClock(), 5_000, 5_000, 10, generations);
    Found found = new Found(new Sender(1, Sender.Kind.COLLECTOR, 3), Long.MAX_VALUE);
    cache.get("good", () -> Optional.of(found));
    for (int i = 0; i < 1_000; i++) {
      cache.get("bad" + i, Optional::empty);
    }
    assertThat(cache.size()).isLessThanOrEqualTo(20);
    assertThat(cache.get("good", Optional::empty)).contains(found.sender());
  }

  private static Optional<Found> count(AtomicInteger lookups, Optional<Found> answer) {
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
