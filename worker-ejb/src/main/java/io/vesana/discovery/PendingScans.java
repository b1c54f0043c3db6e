package io.vesana.discovery;

import io.vesana.discovery.internal.JdbcDiscoveries;
import jakarta.json.JsonArray;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The scans a collector is asked to run, for its configuration: {@code [{"discovery_id", "cidr",
 * "options"}]}, oldest first, at most 100. A request leaves the list when the collector's upload
 * for that block fills it in.
 */
public final class PendingScans {

  private PendingScans() {}

  public static JsonArray of(Connection c, long tenantId, long collectorId) throws SQLException {
    return JdbcDiscoveries.pending(c, tenantId, collectorId);
  }
}
