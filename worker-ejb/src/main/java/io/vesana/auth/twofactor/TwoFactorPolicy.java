package io.vesana.auth.twofactor;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a user must use a second factor. It is required when any of these holds:
 *
 * <ul>
 *   <li>the user's own flag ({@code users.require_2fa}) is set;
 *   <li>the tenant setting {@value #TENANT_SETTING} ({@code tenant_settings.value}, jsonb) is JSON
 *       {@code true};
 *   <li>the user holds one of the built-in roles named in the installation's configuration {@value
 *       #REQUIRED_ROLES_CONFIG}: a comma-separated list of {@code super_admin}, {@code
 *       tenant_admin}, {@code operator}, {@code viewer}; empty (the default) requires it of no
 *       role.
 * </ul>
 *
 * A pure function of its inputs: the caller reads the setting, the user's role names (built-in
 * names from {@code user_roles.role_name}, plus {@code super_admin} for a super admin, who has no
 * role rows) and the configuration. Immutable and thread-safe.
 */
public final class TwoFactorPolicy {

  /** MicroProfile Config key of the roles that always need 2FA. */
  public static final String REQUIRED_ROLES_CONFIG = "vesana.auth.require-2fa-roles";

  /** Key in {@code tenant_settings} that turns 2FA on for everyone in the tenant. */
  public static final String TENANT_SETTING = "security.require_2fa";

  /** The built-in roles, the only ones the configuration can name (custom roles are per tenant). */
  public static final Set<String> BUILT_IN_ROLES =
      Set.of("super_admin", "tenant_admin", "operator", "viewer");

  private static final TwoFactorPolicy NO_ROLES = new TwoFactorPolicy(Set.of());

  private final Set<String> requiredRoles;

  private TwoFactorPolicy(Set<String> requiredRoles) {
    this.requiredRoles = Set.copyOf(requiredRoles);
  }

  /**
   * The policy for the value of {@value #REQUIRED_ROLES_CONFIG}; null or blank means no role. Names
   * are trimmed and case-insensitive. An unknown name is an error rather than ignored, so a typo
   * cannot silently leave administrators without 2FA.
   */
  public static TwoFactorPolicy fromConfig(String requiredRoles) {
    if (requiredRoles == null || requiredRoles.isBlank()) {
      return NO_ROLES;
    }
    Set<String> roles = new LinkedHashSet<>();
    for (String part : requiredRoles.split(",", -1)) {
      String role = part.strip().toLowerCase(Locale.ROOT);
      if (role.isEmpty()) {
        continue;
      }
      if (!BUILT_IN_ROLES.contains(role)) {
        throw new IllegalArgumentException(
            REQUIRED_ROLES_CONFIG
                + " names an unknown role '"
                + role
                + "'; allowed: "
                + String.join(", ", BUILT_IN_ROLES.stream().sorted().toList()));
      }
      roles.add(role);
    }
    return new TwoFactorPolicy(roles);
  }

  /**
   * True if the user must use 2FA.
   *
   * @param userFlag {@code users.require_2fa}
   * @param tenantSetting the JSON text of {@value #TENANT_SETTING} ({@code value::text}), or null
   *     when the tenant has none (or for a super admin). Only JSON {@code true} counts; the
   *     settings API stores typed values, so anything else is treated as not set.
   * @param roleNames the user's role names; others than built-in ones never match
   */
  public boolean requires(boolean userFlag, String tenantSetting, Collection<String> roleNames) {
    if (userFlag || isJsonTrue(tenantSetting)) {
      return true;
    }
    for (String role : roleNames) {
      if (role != null && requiredRoles.contains(role.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** The configured roles, lower case. */
  public Set<String> requiredRoles() {
    return requiredRoles;
  }

  private static boolean isJsonTrue(String json) {
    return json != null && json.strip().equals("true");
  }

  @Override
  public String toString() {
    return "TwoFactorPolicy[requiredRoles=" + requiredRoles + "]";
  }
}
