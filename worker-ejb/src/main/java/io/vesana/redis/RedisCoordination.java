package io.vesana.redis;

import io.vesana.auth.RateLimiter;
import io.vesana.cluster.DistributedLocks;
import io.vesana.watchers.WatcherRuns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** Makes the container's cross-instance locks, rate limiter and watcher run records. */
@ApplicationScoped
public class RedisCoordination {

  @Inject RedisConnection redis;

  @Produces
  @ApplicationScoped
  DistributedLocks distributedLocks() {
    return new RedisLocks(redis.client(), redis.key(""));
  }

  @Produces
  @ApplicationScoped
  RateLimiter rateLimiter() {
    return new RedisRateLimiter(redis.client(), redis.key(""));
  }

  @Produces
  @ApplicationScoped
  WatcherRuns watcherRuns() {
    return new RedisWatcherRuns(redis.client(), redis.key(""));
  }
}
