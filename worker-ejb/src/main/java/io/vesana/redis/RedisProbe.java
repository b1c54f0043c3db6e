package io.vesana.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/** Round-trip time of a PING, for system health; Jedis stays inside this package. */
@ApplicationScoped
public class RedisProbe {

  @Inject RedisConnection redis;

  /** The PING round trip; throws if Redis does not answer PONG. */
  public Duration ping() {
    long start = System.nanoTime();
    String pong = redis.client().ping();
    if (!"PONG".equals(pong)) {
      throw new IllegalStateException("unexpected PING answer");
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
