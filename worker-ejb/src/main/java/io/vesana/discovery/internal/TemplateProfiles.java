package io.vesana.discovery.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * The tenant's profile made from a catalog template: the existing one, else a new profile named
 * after the template with a copy of the template's checks (whose host services are then created
 * when a host gets the profile). A name already taken by a hand-made profile gets the template slug
 * appended.
 */
public final class TemplateProfiles {

  /** The profile id, and whether it was created now (then the caller audits it). */
  public record Made(long profileId, boolean created, String name) {}

  public Made profileFor(Connection c, long tenant, long templateId) throws SQLException {
    OptionalLong existing =
        first(
            c,
            "SELECT min(id) FROM profiles WHERE tenant_id = ? AND template_id = ?"
                + " HAVING count(*) > 0",
            tenant,
            templateId);
    if (existing.isPresent()) {
      return new Made(existing.getAsLong(), false, null);
    }
    String name;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM profiles p WHERE p.tenant_id = ?"
                + " AND lower(p.name) = lower(t.name)) THEN t.name || ' (' || t.slug || ')'"
                + " ELSE t.name END FROM profile_templates t WHERE t.id = ?")) {
      ps.setLong(1, tenant);
      ps.setLong(2, templateId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        name = rs.getString(1);
      }
    }
    long profile =
        first(
                c,
                "INSERT INTO profiles (tenant_id, name, description, template_id)"
                    + " SELECT ?, ?, description, id FROM profile_templates WHERE id = ?"
                    + " RETURNING id",
                tenant,
                name,
                templateId)
            .orElseThrow();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO profile_checks (tenant_id, profile_id, name, kind, settings,"
                + " check_interval_s, retry_interval_s, max_check_attempts, warn_threshold,"
                + " crit_threshold) SELECT ?, ?, name, kind, settings, check_interval_s,"
                + " retry_interval_s, max_check_attempts, warn_threshold, crit_threshold"
                + " FROM profile_template_checks WHERE template_id = ? ORDER BY id")) {
      ps.setLong(1, tenant);
      ps.setLong(2, profile);
      ps.setLong(3, templateId);
      ps.executeUpdate();
    }
    return new Made(profile, true, name);
  }

  private static OptionalLong first(Connection c, String sql, Object... args) throws SQLException {
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
