package io.vesana.ingest;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The ingest stream as the worker sees it: a consumer group with pending lists, plus the
 * dead-letter stream. Implemented on Redis streams by {@code io.vesana.redis.RedisIngestQueue}.
 * Implementations are thread-safe; a consumer name is used by one thread at a time.
 */
public interface IngestQueue {

  /** Creates the consumer group (and the stream) if missing, reading from the start. */
  void ensureGroup();

  /** New entries for this consumer, waiting up to {@code blockMs} when there are none. */
  List<QueuedEntry> readNew(String consumer, int count, int blockMs);

  /** This consumer's own pending entries with ids after {@code afterId} ("0" for all). */
  List<QueuedEntry> readOwnPending(String consumer, String afterId, int count);

  /** Takes over entries other consumers left pending longer than {@code minIdleMs}. */
  List<QueuedEntry> claimIdle(String consumer, long minIdleMs, int count);

  /** Resets the idle time of entries this consumer still works on, so peers do not claim them. */
  void touch(String consumer, Collection<String> ids);

  void ack(Collection<String> ids);

  /**
   * Writes a copy with {@code reason}, {@code failed_at} and {@code deliveries} to dead letters.
   */
  void deadLetter(Map<String, String> fields, String reason, long deliveries);

  /**
   * Adds an entry, exactly as the receiver does (fields of {@link
   * io.vesana.contract.IngestStream}); returns its stream id. The workers write nothing here but
   * the pipeline self-test's synthetic results.
   */
  String append(Map<String, String> fields);

  long length();

  /** Entries not yet delivered to the group; -1 when Redis cannot tell. */
  long lag();
}
