package io.vesana.api.auth;

import io.vesana.api.problems.Problem;
import io.vesana.auth.RateLimiter;
import io.vesana.auth.RateLimiter.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits login and second-factor attempts per client address across every API replica (the counters
 * live in Redis): {@code vesana.auth.rate-limit.per-minute} (default 10). Over the limit: 429 with
 * Retry-After. Redis unreachable: 503 (failing open would switch the limit off exactly when someone
 * can make Redis slow).
 *
 * <p>The client address is the TCP peer. Behind a reverse proxy, set {@code
 * vesana.api.trusted-proxies} to the proxy addresses; only then is the first address of {@code
 * X-Forwarded-For} used, because anyone can send that header.
 */
@ApplicationScoped
public class LoginThrottle {

  @Inject RateLimiter limiter;

  @Inject
  @ConfigProperty(name = "vesana.auth.rate-limit.per-minute", defaultValue = "10")
  int perMinute;

  @Inject
  @ConfigProperty(name = "vesana.api.trusted-proxies", defaultValue = " ")
  String trustedProxies;

  public void check(String bucket, HttpServletRequest request) {
    Decision d = limiter.hit(bucket, clientAddress(request), perMinute, Duration.ofMinutes(1));
    switch (d.outcome()) {
      case ALLOWED -> {}
      case LIMITED ->
          throw new Problem(
              429,
              "urn:vesana:problem:rate-limited",
              "Too many attempts",
              "Too many attempts from this address; retry after the given number of seconds.",
              Map.of(),
              Map.of("Retry-After", Long.toString(d.retryAfter().toSeconds())));
      case UNAVAILABLE ->
          throw new Problem(
              503,
              "urn:vesana:problem:unavailable",
              "Temporarily unavailable",
              "Login is unavailable while its rate limiter cannot be reached; retry shortly.",
              Map.of(),
              Map.of("Retry-After", "5"));
    }
  }

  /** The client address: the first X-Forwarded-For entry only when the peer is a trusted proxy. */
  public String clientAddress(HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded != null && isTrusted(peer)) {
      String first = forwarded.split(",", 2)[0].strip();
      if (!first.isEmpty()) {
        return first;
      }
    }
    return peer;
  }

  private boolean isTrusted(String peer) {
    for (String p : trustedProxies.split(",")) {
      if (!p.isBlank() && p.strip().equals(peer)) {
        return true;
      }
    }
    return false;
  }
}
