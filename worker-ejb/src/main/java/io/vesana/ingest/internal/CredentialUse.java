package io.vesana.ingest.internal;

import io.vesana.contract.IngestStream;
import io.vesana.ingest.DecodedEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Records when an agent token or API key was last used, for the credential lists. The receiver
 * writes nothing to the database (it stays fast and available when PostgreSQL is not), so the
 * worker does it, in the batch's transaction: one statement per credential kind and batch, and a
 * row is rewritten at most once a minute, so a busy collector does not turn into a write per
 * result.
 */
public final class CredentialUse {

  private CredentialUse() {}

  public static void touch(Connection c, List<DecodedEntry> entries) throws SQLException {
    Set<List<Long>> agents = new LinkedHashSet<>();
    Set<List<Long>> keys = new LinkedHashSet<>();
    for (DecodedEntry e : entries) {
      List<Long> k = List.of(e.tenantId(), e.credentialId());
      if (IngestStream.SOURCE_AGENT.equals(e.source())) {
        agents.add(k);
      } else if (IngestStream.SOURCE_COLLECTOR.equals(e.source())) {
        keys.add(k);
      }
    }
    update(c, "agent_tokens", agents);
    update(c, "api_keys", keys);
  }

  private static void update(Connection c, String table, Set<List<Long>> used) throws SQLException {
    if (used.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + table
                + " t SET last_used_at = now() FROM unnest(?::bigint[], ?::bigint[]) AS u(tn, id)"
                + " WHERE t.tenant_id = u.tn AND t.id = u.id"
                + " AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute')")) {
      ps.setObject(1, used.stream().mapToLong(k -> k.get(0)).toArray());
      ps.setObject(2, used.stream().mapToLong(k -> k.get(1)).toArray());
      ps.executeUpdate();
    }
  }
}
