package io.vesana.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * Counts requests per client in a named bucket (e.g. {@code login}) against a limit per window,
 * shared by every instance of the deployment. Implementations are thread-safe and never throw for
 * an unreachable store: they answer {@link Decision#unavailable()} instead.
 */
public interface RateLimiter {

  /**
   * Records one request of {@code clientKey} (an IP address, say) in {@code bucket} if it is within
   * {@code limit} requests per {@code window}; a refused request is not recorded.
   */
  Decision hit(String bucket, String clientKey, int limit, Duration window);

  /** What a request may do. */
  enum Outcome {
    /** Within the limit: serve it. */
    ALLOWED,
    /** Over the limit: answer 429 with Retry-After. */
    LIMITED,
    /** The limiter's store is unreachable: refuse (503), do not serve unlimited. */
    UNAVAILABLE
  }

  /**
   * @param remaining requests still allowed in the current window after this one (0 unless allowed)
   * @param retryAfter for {@link Outcome#LIMITED}, the time until a slot frees, in whole seconds
   *     rounded up and at least 1 s (the unit of HTTP Retry-After); zero otherwise
   */
  record Decision(Outcome outcome, int remaining, Duration retryAfter) {

    public Decision {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public static Decision allowed(int remaining) {
      return new Decision(Outcome.ALLOWED, remaining, Duration.ZERO);
    }

    /** Refused; {@code untilFree} is rounded up to whole seconds, at least 1 s. */
    public static Decision limited(Duration untilFree) {
      long seconds = Math.max(1, (untilFree.toMillis() + 999) / 1000);
      return new Decision(Outcome.LIMITED, 0, Duration.ofSeconds(seconds));
    }

    public static Decision unavailable() {
      return new Decision(Outcome.UNAVAILABLE, 0, Duration.ZERO);
    }

    public boolean allowed() {
      return outcome == Outcome.ALLOWED;
    }
  }
}
