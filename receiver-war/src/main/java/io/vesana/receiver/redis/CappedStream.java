package io.vesana.receiver.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Appends to the ingest stream only while it is below its cap, atomically (one Lua script: XLEN
 * then XADD). Never {@code XADD MAXLEN}: trimming would silently drop accepted results the workers
 * have not read. Thread-safe.
 */
final class CappedStream {

  /** KEYS[1] stream; ARGV[1] cap; ARGV[2..] field, value, field, value, ... */
  static final String SCRIPT =
      "if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[1]) then return false end\n"
          + "return redis.call('XADD', KEYS[1], '*', unpack(ARGV, 2))\n";

  private static final String SHA = sha1(SCRIPT);

  private final UnifiedJedis redis;
  private final String key;
  private final long maxLength;

  CappedStream(UnifiedJedis redis, String key, long maxLength) {
    this.redis = redis;
    this.key = key;
    this.maxLength = maxLength;
  }

  String key() {
    return key;
  }

  /**
   * @param fields field, value, field, value, ...
   * @return the new entry's id
   * @throws StreamRefusedException nothing was added (or, after a timeout, possibly was)
   */
  String add(List<String> fields) {
    List<String> args = new ArrayList<>(fields.size() + 1);
    args.add(Long.toString(maxLength));
    args.addAll(fields);
    Object reply;
    try {
      reply = evalsha(args);
    } catch (JedisConnectionException e) {
      throw new StreamRefusedException(StreamRefusedException.Reason.UNAVAILABLE, e);
    } catch (JedisDataException e) {
      throw new StreamRefusedException(
          isOutOfMemory(e)
              ? StreamRefusedException.Reason.OUT_OF_MEMORY
              : StreamRefusedException.Reason.UNAVAILABLE,
          e);
    } catch (JedisException e) {
      // Pool exhausted and similar: nothing was sent.
      throw new StreamRefusedException(StreamRefusedException.Reason.UNAVAILABLE, e);
    }
    if (reply == null) {
      throw new StreamRefusedException(StreamRefusedException.Reason.FULL, null);
    }
    return reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : reply.toString();
  }

  long length() {
    return redis.xlen(key);
  }

  private Object evalsha(List<String> args) {
    try {
      return redis.evalsha(SHA, List.of(key), args);
    } catch (JedisNoScriptException e) {
      // First use on this server, or after a restart / SCRIPT FLUSH: load it, then retry once.
      redis.scriptLoad(SCRIPT, key);
      return redis.evalsha(SHA, List.of(key), args);
    }
  }

  /**
   * Redis answers "-OOM command not allowed when used memory > 'maxmemory'", directly or wrapped in
   * a script error depending on the version.
   */
  static boolean isOutOfMemory(JedisDataException e) {
    String m = e.getMessage();
    return m != null && (m.startsWith("OOM") || m.contains("OOM command not allowed"));
  }

  private static String sha1(String script) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-1", e);
    }
  }
}
