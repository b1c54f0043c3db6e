package io.vesana.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in roles and what they may do. Kept in code, not in the database, so an upgrade can
 * give a built-in role a new permission without a data migration; custom roles are rows (roles,
 * role_permissions). Permission codes are the {@code permissions} catalog of migration V1.
 */
public enum BuiltInRole {
  /** Every permission in every tenant (the null tenant scope). */
  SUPER_ADMIN(Permissions.ALL),
  TENANT_ADMIN(Permissions.ALL),
  OPERATOR(
      Set.of(
          "hosts.read",
          "hosts.write",
          "profiles.read",
          "alerts.read",
          "alerts.acknowledge",
          "downtimes.write",
          "discovery.run",
          "wiki.read",
          "wiki.write",
          "ai.ask",
          "reports.read")),
  VIEWER(
      Set.of("hosts.read", "profiles.read", "alerts.read", "wiki.read", "ai.ask", "reports.read"));

  private final Set<String> permissions;

  BuiltInRole(Set<String> permissions) {
    this.permissions = permissions;
  }

  public Set<String> permissions() {
    return permissions;
  }

  /** The name as stored in user_roles.role_name and carried in the token's groups claim. */
  public String roleName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<BuiltInRole> byName(String name) {
    for (BuiltInRole r : values()) {
      if (r.roleName().equals(name)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
