package io.vesana.discovery.internal;

import io.vesana.contract.DiscoveryUpload.DiscoveredHost;
import io.vesana.discovery.DiscoveryEntry;
import io.vesana.discovery.SuggestionRules;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Stores one uploaded scan on the caller's connection and transaction: the discoveries row (the
 * oldest open request of this collector for this block is filled in, else a new row), its hosts,
 * and profile suggestions for the hosts that are not Vesana hosts yet. A scan already stored (same
 * collector, block and start time) is left alone, so replaying an entry changes nothing. Stateless
 * and thread-safe.
 */
public final class JdbcScanResults {

  /** What storing did. */
  public enum Outcome {
    STORED,
    ALREADY_STORED,
    NO_COLLECTOR
  }

  public Outcome store(Connection c, DiscoveryEntry e) throws SQLException {
    OptionalLong collector =
        single(
            c,
            "SELECT id FROM collectors WHERE tenant_id = ? AND api_key_id = ?",
            e.tenantId(),
            e.credentialId());
    if (collector.isEmpty()) {
      return Outcome.NO_COLLECTOR;
    }
    Timestamp started = Timestamp.from(e.upload().startedAt());
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM discoveries WHERE tenant_id = ? AND collector_id = ?"
                + " AND cidr = ?::cidr AND started_at = ?")) {
      ps.setLong(1, e.tenantId());
      ps.setLong(2, collector.getAsLong());
      ps.setString(3, e.block().text());
      ps.setTimestamp(4, started);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return Outcome.ALREADY_STORED;
        }
      }
    }
    long discovery = discoveryRow(c, e, collector.getAsLong());
    SuggestionRules rules = rules(c, e.tenantId());
    for (DiscoveredHost h : e.upload().hosts()) {
      OptionalLong unmatched = host(c, e.tenantId(), discovery, h);
      if (unmatched.isPresent()) {
        suggest(
            c, e.tenantId(), unmatched.getAsLong(), rules.suggest(h.sysObjectId(), h.openPorts()));
      }
    }
    return Outcome.STORED;
  }

  private long discoveryRow(Connection c, DiscoveryEntry e, long collector) throws SQLException {
    Timestamp started = Timestamp.from(e.upload().startedAt());
    Timestamp finished = Timestamp.from(e.upload().finishedAt());
    OptionalLong requested =
        single(
            c,
            "SELECT id FROM discoveries WHERE tenant_id = ? AND collector_id = ? AND cidr = ?::cidr"
                + " AND status IN ('requested', 'running') ORDER BY id LIMIT 1 FOR UPDATE",
            e.tenantId(),
            collector,
            e.block().text());
    if (requested.isPresent()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE discoveries SET status = 'finished', started_at = ?, finished_at = ?,"
                  + " updated_at = now(), version = version + 1 WHERE tenant_id = ? AND id = ?")) {
        ps.setTimestamp(1, started);
        ps.setTimestamp(2, finished);
        ps.setLong(3, e.tenantId());
        ps.setLong(4, requested.getAsLong());
        ps.executeUpdate();
      }
      return requested.getAsLong();
    }
    return single(
            c,
            "INSERT INTO discoveries (tenant_id, collector_id, cidr, status, started_at,"
                + " finished_at) VALUES (?, ?, ?::cidr, 'finished', ?, ?) RETURNING id",
            e.tenantId(),
            collector,
            e.block().text(),
            started,
            finished)
        .orElseThrow();
  }

  /** Inserts the host; returns its id if it matches no Vesana host (so it gets suggestions). */
  private static OptionalLong host(Connection c, long tenant, long discovery, DiscoveredHost h)
      throws SQLException {
    var ports = jakarta.json.Json.createArrayBuilder();
    for (Integer p : h.openPorts()) {
      ports.add(jakarta.json.Json.createObjectBuilder().add("port", p).add("proto", "tcp"));
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO discovered_hosts (tenant_id, discovery_id, address, hostname,"
                + " sys_object_id, sys_descr, open_ports, matched_host_id)"
                + " VALUES (?, ?, ?::inet, ?, ?, ?, ?::jsonb, (SELECT min(id) FROM hosts"
                + " WHERE tenant_id = ? AND address IN (?, host(?::inet))))"
                + " ON CONFLICT (tenant_id, discovery_id, address) DO NOTHING"
                + " RETURNING id, matched_host_id IS NULL")) {
      ps.setLong(1, tenant);
      ps.setLong(2, discovery);
      ps.setString(3, h.address());
      ps.setString(4, h.hostname());
      ps.setString(5, h.sysObjectId());
      ps.setString(6, h.sysDescr());
      ps.setString(7, ports.build().toString());
      ps.setLong(8, tenant);
      ps.setString(9, h.address());
      ps.setString(10, h.address());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(2)
            ? OptionalLong.of(rs.getLong(1))
            : OptionalLong.empty();
      }
    }
  }

  private static void suggest(
      Connection c, long tenant, long discoveredHost, List<SuggestionRules.Suggestion> found)
      throws SQLException {
    if (found.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO profile_suggestions (tenant_id, discovered_host_id, profile_id,"
                + " template_id, confidence, evidence) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
      for (SuggestionRules.Suggestion s : found) {
        ps.setLong(1, tenant);
        ps.setLong(2, discoveredHost);
        ps.setObject(3, s.profileId(), java.sql.Types.BIGINT);
        ps.setObject(4, s.templateId(), java.sql.Types.BIGINT);
        ps.setBigDecimal(5, s.confidence());
        ps.setString(6, s.evidence().toString());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The catalog (small, shipped) and the tenant's profiles made from it. */
  static SuggestionRules rules(Connection c, long tenant) throws SQLException {
    List<SuggestionRules.Template> catalog = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT id, slug, sys_object_ids FROM profile_templates");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Array ids = rs.getArray(3);
        catalog.add(
            new SuggestionRules.Template(
                rs.getLong(1), rs.getString(2), Arrays.asList((String[]) ids.getArray())));
      }
    }
    Map<Long, Long> profiles = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT template_id, min(id) FROM profiles WHERE tenant_id = ?"
                + " AND template_id IS NOT NULL GROUP BY template_id")) {
      ps.setLong(1, tenant);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          profiles.put(rs.getLong(1), rs.getLong(2));
        }
      }
    }
    return new SuggestionRules(catalog, profiles);
  }

  private static OptionalLong single(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    }
  }
}
