package io.vesana.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Where running instances announce themselves (system health, dead-consumer reclaim). */
public interface InstanceRegistry {

  void beat(String role, String instanceId, Instant startedAt, Duration ttl);

  /** The instances of a role that beat within their TTL; each as its announced fields. */
  List<Map<String, String>> live(String role);
}
