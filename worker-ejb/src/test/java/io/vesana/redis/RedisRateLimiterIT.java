package io.vesana.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vesana.auth.RateLimiter.Decision;
import io.vesana.auth.RateLimiter.Outcome;
import io.vesana.testing.TestRedis;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisRateLimiterIT {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  final TestRedis redis = new TestRedis();
  final RedisRateLimiter limiter = new RedisRateLimiter(redis.client(), redis.prefix());

  @AfterEach
  void tearDown() {
    redis.close();
  }

  @Test
  void tenAllowedThenTheEleventhRefusedWithRetryAfter() {
    for (int i = 0; i < 10; i++) {
      Decision d = limiter.hit("login", "203.0.113.7", 10, MINUTE);
      assertTrue(d.allowed(), "hit " + (i + 1));
      assertEquals(9 - i, d.remaining());
    }
    Decision refused = limiter.hit("login", "203.0.113.7", 10, MINUTE);
    assertEquals(Outcome.LIMITED, refused.outcome());
    assertTrue(refused.retryAfter().compareTo(Duration.ofSeconds(1)) >= 0, refused.toString());
    assertTrue(refused.retryAfter().compareTo(MINUTE) <= 0, refused.toString());
  }

  @Test
  void clientsAndBucketsAreIndependent() {
    for (int i = 0; i < 10; i++) {
      limiter.hit("login", "203.0.113.7", 10, MINUTE);
    }
    assertFalse(limiter.hit("login", "203.0.113.7", 10, MINUTE).allowed());
    assertTrue(limiter.hit("login", "198.51.100.1", 10, MINUTE).allowed());
    assertTrue(limiter.hit("2fa", "203.0.113.7", 10, MINUTE).allowed());
  }

  @Test
  void twoInstancesShareOneLimit() {
    RedisRateLimiter other = new RedisRateLimiter(redis.client(), redis.prefix());
    for (int i = 0; i < 6; i++) {
      assertTrue(limiter.hit("login", "203.0.113.7", 10, MINUTE).allowed());
    }
    for (int i = 0; i < 4; i++) {
      assertTrue(other.hit("login", "203.0.113.7", 10, MINUTE).allowed());
    }
    assertFalse(other.hit("login", "203.0.113.7", 10, MINUTE).allowed(), "11th on instance 2");
    assertFalse(limiter.hit("login", "203.0.113.7", 10, MINUTE).allowed(), "and on instance 1");
  }

  @Test
  void aSlotFreesWhenItsHitLeavesTheWindow() throws Exception {
    Duration window = Duration.ofSeconds(2);
    for (int i = 0; i < 3; i++) {
      assertTrue(limiter.hit("login", "203.0.113.7", 3, window).allowed());
    }
    Decision refused = limiter.hit("login", "203.0.113.7", 3, window);
    assertEquals(Outcome.LIMITED, refused.outcome());
    assertTrue(refused.retryAfter().compareTo(window) <= 0, refused.toString());

    Thread.sleep(refused.retryAfter().toMillis());
    // Retry-After is rounded up, so after it the oldest hit has left the window.
    Decision again = limiter.hit("login", "203.0.113.7", 3, window);
    assertTrue(again.allowed(), again.toString());
  }

  @Test
  void refusedHitsDoNotExtendTheLockout() throws Exception {
    Duration window = Duration.ofSeconds(2);
    for (int i = 0; i < 2; i++) {
      assertTrue(limiter.hit("login", "203.0.113.7", 2, window).allowed());
    }
    Decision first = limiter.hit("login", "203.0.113.7", 2, window);
    for (int i = 0; i < 20; i++) {
      assertFalse(limiter.hit("login", "203.0.113.7", 2, window).allowed());
    }
    Thread.sleep(first.retryAfter().toMillis());
    assertTrue(limiter.hit("login", "203.0.113.7", 2, window).allowed());
  }

  @Test
  void clientKeysAreNotStoredInClear() {
    limiter.hit("login", "203.0.113.7", 10, MINUTE);
    Set<String> keys = redis.client().keys(redis.prefix() + "*");
    assertEquals(1, keys.size());
    String key = keys.iterator().next();
    assertFalse(key.contains("203.0.113.7"), key);
    assertTrue(key.matches(".*ratelimit:login:[0-9a-f]{64}"), key);
  }

  @Test
  void unreachableRedisRefusesAsUnavailable() {
    RedisRateLimiter down = new RedisRateLimiter(redis.unreachableClient(), redis.prefix());
    Decision d = down.hit("login", "203.0.113.7", 10, MINUTE);
    assertEquals(Outcome.UNAVAILABLE, d.outcome());
    assertFalse(d.allowed());
  }
}
