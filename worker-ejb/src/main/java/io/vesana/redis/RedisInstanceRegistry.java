package io.vesana.redis;

import io.vesana.cluster.InstanceRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * {@link InstanceRegistry} in Redis: one hash per instance under {@code
 * <prefix>instance:<role>:<id>}, expiring unless renewed, so a dead instance disappears by itself.
 */
@ApplicationScoped
public class RedisInstanceRegistry implements InstanceRegistry {

  @Inject RedisConnection redis;

  @Override
  public void beat(String role, String instanceId, Instant startedAt, Duration ttl) {
    String key = redis.key("instance:" + role + ":" + instanceId);
    Map<String, String> fields = new HashMap<>();
    fields.put("role", role);
    fields.put("startedAt", startedAt.toString());
    fields.put("lastBeat", Instant.now().toString());
    redis.client().hset(key, fields);
    redis.client().pexpire(key, ttl.toMillis());
  }

  @Override
  public List<Map<String, String>> live(String role) {
    String pattern = redis.key("instance:" + role + ":*");
    String cursor = ScanParams.SCAN_POINTER_START;
    List<Map<String, String>> found = new java.util.ArrayList<>();
    do {
      ScanResult<String> page =
          redis.client().scan(cursor, new ScanParams().match(pattern).count(200));
      for (String key : page.getResult()) {
        Map<String, String> fields = redis.client().hgetAll(key);
        if (!fields.isEmpty()) {
          fields.put("key", key);
          found.add(fields);
        }
      }
      cursor = page.getCursor();
    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    return found;
  }
}
