package io.vesana.redis;

import io.vesana.ingest.DeadLetterQueue;
import io.vesana.ingest.IngestQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** Makes the container's ingest and dead-letter queues from the application's Redis pool. */
@ApplicationScoped
public class RedisIngestQueues {

  @Inject RedisConnection redis;

  @Produces
  @ApplicationScoped
  IngestQueue ingestQueue() {
    return new RedisIngestQueue(redis.client(), redis.key(""));
  }

  @Produces
  @ApplicationScoped
  DeadLetterQueue deadLetterQueue() {
    return new RedisDeadLetterQueue(redis.client(), redis.key(""));
  }
}
