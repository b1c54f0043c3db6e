package io.vesana.ingest;

import java.time.Duration;

/**
 * Tunables of the consumer (config keys and defaults in {@code docs/ingest-pipeline.md}).
 *
 * @param batchEntries stream entries per read and per transaction
 * @param maxDeliveries an entry handed out more often than this goes to dead letters
 * @param claimIdle entries another consumer left pending this long are taken over
 * @param contextTtl longest life of a cached host/service lookup while its tenant's cache
 *     generation is unchanged (changes invalidate it within seconds, see JdbcServiceContexts)
 * @param linger how long a consumer that read fewer than {@code batchEntries} new entries waits for
 *     more before it writes them (zero: never); bounds the latency it adds
 */
public record IngestSettings(
    int batchEntries,
    int blockMs,
    int maxDeliveries,
    Duration claimIdle,
    Duration backoffMin,
    Duration backoffMax,
    Duration contextTtl,
    int contextCacheEntries,
    Duration linger) {

  public static IngestSettings defaults() {
    return new IngestSettings(
        100,
        1000,
        5,
        Duration.ofSeconds(60),
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        Duration.ofMinutes(10),
        200_000,
        Duration.ofMillis(100));
  }

  public IngestSettings withClaimIdle(Duration d) {
    return new IngestSettings(
        batchEntries,
        blockMs,
        maxDeliveries,
        d,
        backoffMin,
        backoffMax,
        contextTtl,
        contextCacheEntries,
        linger);
  }

  public IngestSettings withBackoff(Duration min, Duration max) {
    return new IngestSettings(
        batchEntries,
        blockMs,
        maxDeliveries,
        claimIdle,
        min,
        max,
        contextTtl,
        contextCacheEntries,
        linger);
  }

  public IngestSettings withContextTtl(Duration d) {
    return new IngestSettings(
        batchEntries,
        blockMs,
        maxDeliveries,
        claimIdle,
        backoffMin,
        backoffMax,
        d,
        contextCacheEntries,
        linger);
  }

  public IngestSettings withBatchEntries(int n) {
    return new IngestSettings(
        n,
        blockMs,
        maxDeliveries,
        claimIdle,
        backoffMin,
        backoffMax,
        contextTtl,
        contextCacheEntries,
        linger);
  }

  public IngestSettings withLinger(Duration d) {
    return new IngestSettings(
        batchEntries,
        blockMs,
        maxDeliveries,
        claimIdle,
        backoffMin,
        backoffMax,
        contextTtl,
        contextCacheEntries,
        d);
  }
}
