package io.vesana.ingest.internal;

import io.vesana.checks.CheckConfig;
import io.vesana.contract.IngestStream;
import io.vesana.ingest.DecodedEntry;
import io.vesana.ingest.IncomingResult;
import io.vesana.ingest.RejectedResult;
import io.vesana.ingest.ResolvedResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Maps (tenant, host name, service name) to ids and effective check configuration, with a bounded
 * cache. Invalidation is by change, not by clock: every entry is tagged with its tenant's cache
 * generation (V12: triggers bump it whenever hosts, services, profiles, checks or agents of the
 * tenant change), the generations are re-read every ~2 s ({@link TenantGenerations}), and an entry
 * whose tenant moved on is a miss. So an agent that reports every minute hits the cache for as long
 * as its inventory is unchanged (up to {@code ttl}), and an edit is seen within seconds. Should the
 * generations stop being readable, entries live only {@link #FALLBACK_TTL_NANOS}. A stale id that
 * no longer exists fails its batch with a foreign key error, and the pipeline clears the cache
 * before retrying entry by entry. Lookups for a batch are one query per kind for everything not
 * cached. Names match case-insensitively, as the unique indexes do.
 *
 * <p>Unknown services are created when the host's profile allows it ({@code
 * profiles.auto_create_services}): linked to the profile's enabled check of that name, else a
 * {@code passive} service. That insert commits on its own (autocommit) before the batch
 * transaction, so a rolled-back batch never leaves a cached id that does not exist.
 *
 * <p>Each batch resolves against its own snapshot of what it looked up (cache hits and query
 * results together), never against the cache a second time: an entry that expires or is evicted
 * between the lookup and its use must not turn a known host into an "unknown host" dead letter
 * (which the benchmark caught under load). Thread-safe.
 */
public final class JdbcServiceContexts {

  private record HostKey(long tenantId, String name) {}

  private record HostRef(long hostId, Long profileId, boolean autoCreate) {}

  private record ServiceKey(long tenantId, long hostId, String name) {}

  private record AgentKey(long tenantId, long tokenId) {}

  /** Entry lifetime while the generations cannot be read: the old fixed TTL. */
  static final long FALLBACK_TTL_NANOS = 10_000_000_000L;

  /**
   * Longest life of a remembered absence (an unknown host or service): a host created moments ago
   * must not wait for the next generation read, so absences also expire by age, as before V12.
   */
  static final long ABSENCE_TTL_NANOS = 2_000_000_000L;

  /** What one batch looks up with: the generations as it found them, and the ages it accepts. */
  private record View(Map<Long, Long> generations, long maxAgeNanos) {
    long tag(long tenantId) {
      return TenantGenerations.of(generations, tenantId);
    }
  }

  private final long ttlNanos;
  private final TenantGenerations generations;
  private final ExpiringCache<HostKey, HostRef> hosts;
  private final ExpiringCache<ServiceKey, ResolvedService> services;
  private final ExpiringCache<AgentKey, Set<Long>> agents;

  /** The cached part of a resolved service. */
  public record ResolvedService(long serviceId, CheckConfig config) {}

  public JdbcServiceContexts(int maxEntries, long ttlNanos) {
    this(maxEntries, ttlNanos, System::nanoTime);
  }

  /** With the clock the cache entries expire by (tests pass their own). */
  public JdbcServiceContexts(int maxEntries, long ttlNanos, LongSupplier nanoClock) {
    this.ttlNanos = ttlNanos;
    generations = new TenantGenerations(nanoClock);
    hosts = new ExpiringCache<>(maxEntries, nanoClock);
    services = new ExpiringCache<>(maxEntries, nanoClock);
    agents = new ExpiringCache<>(maxEntries, nanoClock);
  }

  public void invalidateAll() {
    hosts.clear();
    services.clear();
    agents.clear();
  }

  /**
   * Resolves every result of {@code entries}; must run with autocommit on (see class comment). Adds
   * to {@code resolved} and {@code rejected} in entry order.
   */
  public void resolve(
      Connection c,
      List<DecodedEntry> entries,
      List<ResolvedResult> resolved,
      List<RejectedResult> rejected)
      throws SQLException {
    generations.refreshIfDue(c);
    View view =
        new View(
            generations.snapshot(),
            generations.current() ? ttlNanos : Math.min(ttlNanos, FALLBACK_TTL_NANOS));
    Map<AgentKey, Set<Long>> agentHosts = loadAgents(c, entries, view);
    Map<HostKey, HostRef> hostRefs = loadHosts(c, entries, view);
    Map<ServiceKey, ResolvedService> known = loadServices(c, entries, hostRefs, view);
    for (DecodedEntry e : entries) {
      Set<Long> owned = agentHosts(e, agentHosts);
      for (IncomingResult r : e.results()) {
        HostRef host = hostRefs.get(new HostKey(e.tenantId(), r.host()));
        if (host == null) {
          rejected.add(new RejectedResult(e, r, "unknown host '" + r.host() + "'"));
          continue;
        }
        if (owned != null && !owned.contains(host.hostId())) {
          rejected.add(new RejectedResult(e, r, "host not owned by agent"));
          continue;
        }
        ServiceKey key = new ServiceKey(e.tenantId(), host.hostId(), r.service());
        ResolvedService service = known.get(key);
        if (service == null && host.autoCreate()) {
          service = autoCreate(c, key, host, view);
          known.put(key, service);
        }
        if (service == null) {
          rejected.add(
              new RejectedResult(
                  e, r, "unknown service '" + r.service() + "' on host '" + r.host() + "'"));
          continue;
        }
        resolved.add(
            new ResolvedResult(e, r, host.hostId(), service.serviceId(), service.config()));
      }
    }
  }

  private static Set<Long> agentHosts(DecodedEntry e, Map<AgentKey, Set<Long>> agentHosts) {
    if (!IngestStream.SOURCE_AGENT.equals(e.source())) {
      return null; // collectors may report for any host of their tenant
    }
    Set<Long> owned = agentHosts.get(new AgentKey(e.tenantId(), e.credentialId()));
    return owned == null ? Set.of() : owned;
  }

  /** Remembers a cache hit (possibly a remembered absence) in the batch's snapshot. */
  private static <K, V> boolean fromCache(
      ExpiringCache<K, V> cache, K key, long tag, long maxAgeNanos, Map<K, V> snapshot) {
    ExpiringCache.Hit<V> hit =
        cache.get(key, tag, maxAgeNanos, Math.min(maxAgeNanos / 5, ABSENCE_TTL_NANOS));
    if (hit == null) {
      return false;
    }
    snapshot.put(key, hit.value());
    return true;
  }

  private Map<AgentKey, Set<Long>> loadAgents(Connection c, List<DecodedEntry> entries, View view)
      throws SQLException {
    Map<AgentKey, Set<Long>> snapshot = new HashMap<>();
    Set<AgentKey> missing = new LinkedHashSet<>();
    for (DecodedEntry e : entries) {
      AgentKey k = new AgentKey(e.tenantId(), e.credentialId());
      if (IngestStream.SOURCE_AGENT.equals(e.source())
          && !snapshot.containsKey(k)
          && !fromCache(agents, k, view.tag(k.tenantId()), view.maxAgeNanos(), snapshot)) {
        missing.add(k);
      }
    }
    if (missing.isEmpty()) {
      return snapshot;
    }
    Long[] tenants = missing.stream().map(AgentKey::tenantId).toArray(Long[]::new);
    Long[] tokens = missing.stream().map(AgentKey::tokenId).toArray(Long[]::new);
    Map<AgentKey, Set<Long>> found = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT a.tenant_id, a.token_id, a.host_id FROM agents a"
                + " JOIN unnest(?::bigint[], ?::bigint[]) AS u(t, k)"
                + " ON a.tenant_id = u.t AND a.token_id = u.k WHERE a.host_id IS NOT NULL")) {
      ps.setArray(1, c.createArrayOf("bigint", tenants));
      ps.setArray(2, c.createArrayOf("bigint", tokens));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found
              .computeIfAbsent(new AgentKey(rs.getLong(1), rs.getLong(2)), k -> new HashSet<>())
              .add(rs.getLong(3));
        }
      }
    }
    for (AgentKey k : missing) {
      Set<Long> owned = Set.copyOf(found.getOrDefault(k, Set.of()));
      agents.put(k, owned, view.tag(k.tenantId()));
      snapshot.put(k, owned);
    }
    return snapshot;
  }

  private Map<HostKey, HostRef> loadHosts(Connection c, List<DecodedEntry> entries, View view)
      throws SQLException {
    Map<HostKey, HostRef> snapshot = new HashMap<>();
    Set<HostKey> missing = new LinkedHashSet<>();
    for (DecodedEntry e : entries) {
      for (IncomingResult r : e.results()) {
        HostKey k = new HostKey(e.tenantId(), r.host());
        if (!snapshot.containsKey(k)
            && !fromCache(hosts, k, view.tag(k.tenantId()), view.maxAgeNanos(), snapshot)) {
          missing.add(k);
        }
      }
    }
    if (missing.isEmpty()) {
      return snapshot;
    }
    Map<HostKey, HostRef> found = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT u.t, u.n, h.id, h.profile_id, coalesce(p.auto_create_services, false)"
                + " FROM unnest(?::bigint[], ?::text[]) AS u(t, n)"
                + " JOIN hosts h ON h.tenant_id = u.t AND lower(h.name) = lower(u.n)"
                + " LEFT JOIN profiles p ON p.tenant_id = h.tenant_id AND p.id = h.profile_id")) {
      ps.setArray(1, c.createArrayOf("bigint", missing.stream().map(HostKey::tenantId).toArray()));
      ps.setArray(2, c.createArrayOf("text", missing.stream().map(HostKey::name).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long profile = rs.getLong(4);
          Long profileId = rs.wasNull() ? null : profile;
          found.put(
              new HostKey(rs.getLong(1), rs.getString(2)),
              new HostRef(rs.getLong(3), profileId, profileId != null && rs.getBoolean(5)));
        }
      }
    }
    for (HostKey k : missing) {
      HostRef ref = found.get(k);
      hosts.put(k, ref, view.tag(k.tenantId()));
      snapshot.put(k, ref);
    }
    return snapshot;
  }

  private Map<ServiceKey, ResolvedService> loadServices(
      Connection c, List<DecodedEntry> entries, Map<HostKey, HostRef> hostRefs, View view)
      throws SQLException {
    Map<ServiceKey, ResolvedService> snapshot = new HashMap<>();
    Set<ServiceKey> missing = new LinkedHashSet<>();
    for (DecodedEntry e : entries) {
      for (IncomingResult r : e.results()) {
        HostRef h = hostRefs.get(new HostKey(e.tenantId(), r.host()));
        if (h != null) {
          ServiceKey k = new ServiceKey(e.tenantId(), h.hostId(), r.service());
          if (!snapshot.containsKey(k)
              && !fromCache(services, k, view.tag(k.tenantId()), view.maxAgeNanos(), snapshot)) {
            missing.add(k);
          }
        }
      }
    }
    if (!missing.isEmpty()) {
      snapshot.putAll(queryServices(c, new ArrayList<>(missing), view));
    }
    return snapshot;
  }

  /** Looks the keys up, caches the answers (absences too) and returns them, absences as null. */
  private Map<ServiceKey, ResolvedService> queryServices(
      Connection c, List<ServiceKey> keys, View view) throws SQLException {
    Map<ServiceKey, ResolvedService> found = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT u.t, u.h, u.n, hs.id,"
                + " hs.max_check_attempts, pc.max_check_attempts,"
                + " hs.check_interval_s, pc.check_interval_s,"
                + " hs.retry_interval_s, pc.retry_interval_s"
                + " FROM unnest(?::bigint[], ?::bigint[], ?::text[]) AS u(t, h, n)"
                + " JOIN host_services hs"
                + " ON hs.tenant_id = u.t AND hs.host_id = u.h AND lower(hs.name) = lower(u.n)"
                + " LEFT JOIN profile_checks pc"
                + " ON pc.tenant_id = hs.tenant_id AND pc.id = hs.profile_check_id")) {
      ps.setArray(1, c.createArrayOf("bigint", keys.stream().map(ServiceKey::tenantId).toArray()));
      ps.setArray(2, c.createArrayOf("bigint", keys.stream().map(ServiceKey::hostId).toArray()));
      ps.setArray(3, c.createArrayOf("text", keys.stream().map(ServiceKey::name).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.put(
              new ServiceKey(rs.getLong(1), rs.getLong(2), rs.getString(3)),
              new ResolvedService(rs.getLong(4), config(rs)));
        }
      }
    }
    Map<ServiceKey, ResolvedService> answers = new HashMap<>();
    for (ServiceKey k : keys) {
      services.put(k, found.get(k), view.tag(k.tenantId()));
      answers.put(k, found.get(k));
    }
    return answers;
  }

  /** Columns 5..10: service and profile check values, merged by the one rule of CheckConfig. */
  private static CheckConfig config(ResultSet rs) throws SQLException {
    return CheckConfig.merge(
        rs.getObject(5, Integer.class),
        rs.getObject(6, Integer.class),
        rs.getObject(7, Integer.class),
        rs.getObject(8, Integer.class),
        rs.getObject(9, Integer.class),
        rs.getObject(10, Integer.class));
  }

  private ResolvedService autoCreate(Connection c, ServiceKey key, HostRef host, View view)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO host_services (tenant_id, host_id, name, kind, settings, profile_check_id)"
                + " SELECT ?, ?, ?, coalesce(pc.kind, 'passive'),"
                + " CASE WHEN pc.id IS NULL THEN '{}'::jsonb END, pc.id"
                + " FROM (SELECT 1) AS one LEFT JOIN profile_checks pc"
                + " ON pc.tenant_id = ? AND pc.profile_id = ? AND lower(pc.name) = lower(?)"
                + " AND pc.enabled"
                + " ON CONFLICT (tenant_id, host_id, lower(name)) DO NOTHING")) {
      ps.setLong(1, key.tenantId());
      ps.setLong(2, key.hostId());
      ps.setString(3, key.name());
      ps.setLong(4, key.tenantId());
      ps.setLong(5, host.profileId());
      ps.setString(6, key.name());
      ps.executeUpdate();
    }
    return queryServices(c, List.of(key), view).get(key);
  }
}
