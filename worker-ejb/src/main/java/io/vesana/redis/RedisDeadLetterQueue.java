package io.vesana.redis;

import io.vesana.contract.IngestStream;
import io.vesana.ingest.DeadLetter;
import io.vesana.ingest.DeadLetterQueue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.StreamEntry;

/** {@link DeadLetterQueue} on {@code <prefix>ingest:dead}. Thread-safe. */
public final class RedisDeadLetterQueue implements DeadLetterQueue {

  private final UnifiedJedis redis;
  private final String stream;
  private final String deadLetters;

  public RedisDeadLetterQueue(UnifiedJedis redis, String prefix) {
    this.redis = redis;
    this.stream = prefix + IngestStream.STREAM;
    this.deadLetters = prefix + IngestStream.DEAD_LETTER_STREAM;
  }

  @Override
  public List<DeadLetter> page(String afterId, int limit) {
    String start = afterId == null || afterId.isBlank() ? "-" : "(" + afterId;
    try {
      return redis.xrange(deadLetters, start, "+", limit).stream()
          .map(RedisDeadLetterQueue::letter)
          .toList();
    } catch (JedisDataException e) {
      throw new IllegalArgumentException("not a stream id: " + afterId, e);
    }
  }

  @Override
  public long count() {
    return redis.xlen(deadLetters);
  }

  @Override
  public Optional<DeadLetter> find(String id) {
    StreamEntryID sid = new StreamEntryID(id);
    return redis.xrange(deadLetters, sid, sid, 1).stream()
        .findFirst()
        .map(RedisDeadLetterQueue::letter);
  }

  @Override
  public String enqueue(Map<String, String> fields) {
    return redis.xadd(stream, StreamEntryID.NEW_ENTRY, fields).toString();
  }

  @Override
  public boolean delete(String id) {
    return redis.xdel(deadLetters, new StreamEntryID(id)) > 0;
  }

  private static DeadLetter letter(StreamEntry e) {
    Map<String, String> fields = new HashMap<>(e.getFields());
    String reason = fields.remove("reason");
    String failedAt = fields.remove("failed_at");
    String deliveries = fields.remove("deliveries");
    return new DeadLetter(
        e.getID().toString(),
        Map.copyOf(fields),
        reason,
        failedAt,
        deliveries == null ? 0 : Long.parseLong(deliveries));
  }
}
