package io.vesana.redis;

import io.vesana.contract.IngestStream;
import io.vesana.ingest.IngestQueue;
import io.vesana.ingest.QueuedEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamPendingEntry;

/**
 * {@link IngestQueue} on the Redis stream {@code <prefix>ingest}, group {@code workers}, dead
 * letters in {@code <prefix>ingest:dead}. Plain class (a client and a key prefix), so tests build
 * it directly; {@link RedisIngestQueues} makes the container's instance. Thread-safe.
 */
public final class RedisIngestQueue implements IngestQueue {

  private final UnifiedJedis redis;
  private final String stream;
  private final String deadLetters;

  public RedisIngestQueue(UnifiedJedis redis, String prefix) {
    this.redis = redis;
    this.stream = prefix + IngestStream.STREAM;
    this.deadLetters = prefix + IngestStream.DEAD_LETTER_STREAM;
  }

  /**
   * Creates the consumer group unless it exists. Looks first: {@code XGROUP CREATE} is a command
   * Redis refuses at its memory limit even when the group exists, so a worker restarted while the
   * stream was full never started draining it, and Redis stayed full (found by {@code
   * PipelineFaultsIT}). {@code XINFO GROUPS} is a read and is answered.
   */
  @Override
  public void ensureGroup() {
    if (groupExists()) {
      return;
    }
    try {
      // From "0", not "$": entries accepted before the first worker ever started are kept.
      redis.xgroupCreate(stream, IngestStream.CONSUMER_GROUP, new StreamEntryID(), true);
    } catch (JedisDataException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
        throw e;
      }
    }
  }

  private boolean groupExists() {
    try {
      return redis.xinfoGroups(stream).stream()
          .anyMatch(g -> IngestStream.CONSUMER_GROUP.equals(g.getName()));
    } catch (JedisDataException e) {
      return false; // no such stream yet: create it with the group
    }
  }

  @Override
  public List<QueuedEntry> readNew(String consumer, int count, int blockMs) {
    List<StreamEntry> entries =
        read(
            consumer,
            XReadGroupParams.xReadGroupParams().count(count).block(blockMs),
            StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY);
    List<QueuedEntry> out = new ArrayList<>(entries.size());
    for (StreamEntry e : entries) {
      out.add(new QueuedEntry(e.getID().toString(), e.getFields(), 1));
    }
    return out;
  }

  @Override
  public List<QueuedEntry> readOwnPending(String consumer, String afterId, int count) {
    List<StreamEntry> entries =
        read(
            consumer,
            XReadGroupParams.xReadGroupParams().count(count),
            new StreamEntryID(afterId.equals("0") ? "0-0" : afterId));
    return withDeliveries(consumer, entries);
  }

  private List<StreamEntry> read(String consumer, XReadGroupParams params, StreamEntryID from) {
    List<Map.Entry<String, List<StreamEntry>>> got =
        redis.xreadGroup(IngestStream.CONSUMER_GROUP, consumer, params, Map.of(stream, from));
    if (got == null || got.isEmpty()) {
      return List.of();
    }
    return got.get(0).getValue();
  }

  @Override
  public List<QueuedEntry> claimIdle(String consumer, long minIdleMs, int count) {
    Map.Entry<StreamEntryID, List<StreamEntry>> claimed =
        redis.xautoclaim(
            stream,
            IngestStream.CONSUMER_GROUP,
            consumer,
            minIdleMs,
            new StreamEntryID(),
            XAutoClaimParams.xAutoClaimParams().count(count));
    return withDeliveries(consumer, claimed.getValue());
  }

  /** Delivery counts come from the pending list (XREADGROUP on history does not return them). */
  private List<QueuedEntry> withDeliveries(String consumer, List<StreamEntry> entries) {
    if (entries.isEmpty()) {
      return List.of();
    }
    List<StreamPendingEntry> pending =
        redis.xpending(
            stream,
            IngestStream.CONSUMER_GROUP,
            XPendingParams.xPendingParams(
                    entries.get(0).getID(), entries.get(entries.size() - 1).getID(), entries.size())
                .consumer(consumer));
    Map<StreamEntryID, Long> counts = new HashMap<>();
    for (StreamPendingEntry p : pending) {
      counts.put(p.getID(), p.getDeliveredTimes());
    }
    List<QueuedEntry> out = new ArrayList<>(entries.size());
    for (StreamEntry e : entries) {
      // A deleted or trimmed entry still pending comes back without fields.
      out.add(
          new QueuedEntry(e.getID().toString(), e.getFields(), counts.getOrDefault(e.getID(), 1L)));
    }
    return out;
  }

  @Override
  public void touch(String consumer, Collection<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    // XCLAIM ... JUSTID to ourselves resets idle time without counting a delivery.
    redis.xclaimJustId(
        stream,
        IngestStream.CONSUMER_GROUP,
        consumer,
        0,
        XClaimParams.xClaimParams(),
        ids.stream().map(StreamEntryID::new).toArray(StreamEntryID[]::new));
  }

  /**
   * XACK and XDEL in one atomic step: the stream has one consumer group, so an acknowledged entry
   * is done and must leave the stream. Without the XDEL the stream keeps every entry ever accepted,
   * fills Redis to maxmemory and the receiver refuses everything (found by the benchmark).
   */
  private static final String ACK_AND_DELETE =
      "local n = redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))\n"
          + "redis.call('XDEL', KEYS[1], unpack(ARGV, 2))\n"
          + "return n";

  private static final int IDS_PER_CALL = 1000;

  @Override
  public void ack(Collection<String> ids) {
    List<String> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += IDS_PER_CALL) {
      List<String> args = new ArrayList<>();
      args.add(IngestStream.CONSUMER_GROUP);
      args.addAll(all.subList(from, Math.min(all.size(), from + IDS_PER_CALL)));
      redis.eval(ACK_AND_DELETE, List.of(stream), args);
    }
  }

  @Override
  public void deadLetter(Map<String, String> fields, String reason, long deliveries) {
    Map<String, String> copy = new HashMap<>(fields);
    copy.put("reason", reason);
    copy.put("failed_at", Instant.now().toString());
    copy.put("deliveries", Long.toString(deliveries));
    redis.xadd(deadLetters, StreamEntryID.NEW_ENTRY, copy);
  }

  @Override
  public String append(Map<String, String> fields) {
    return redis.xadd(stream, StreamEntryID.NEW_ENTRY, fields).toString();
  }

  @Override
  public long length() {
    return redis.xlen(stream);
  }

  @Override
  public long lag() {
    try {
      for (StreamGroupInfo g : redis.xinfoGroups(stream)) {
        if (IngestStream.CONSUMER_GROUP.equals(g.getName())) {
          Object lag = g.getGroupInfo().get("lag");
          if (lag instanceof Long l) {
            return l;
          }
          // Redis before 7 reports no lag. Acknowledged entries are deleted (XACK + XDEL), so the
          // stream holds exactly the unacknowledged ones: undelivered = length - pending.
          return Math.max(0, redis.xlen(stream) - g.getPending());
        }
      }
    } catch (JedisDataException e) {
      return -1; // no stream yet
    }
    return -1;
  }
}
