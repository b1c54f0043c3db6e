package io.vesana.auth.sso;

import io.vesana.auth.BuiltInRole;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The SSO configuration, read from MicroProfile Config keys {@code vesana.sso.*}. SSO is off unless
 * {@code vesana.sso.issuer} is set.
 *
 * <ul>
 *   <li>{@code issuer}: the exact {@code iss} of accepted tokens;
 *   <li>{@code jwks-uri}: the issuer's key set; https, or http only on a loopback address;
 *   <li>{@code audience}: a value {@code aud} must contain (the client id, or an audience
 *       mapper's);
 *   <li>{@code clock-skew-seconds} (default 30): tolerance on {@code exp}/{@code nbf}/{@code iat};
 *   <li>{@code jwks-refresh-min-seconds} (default 30): the least time between two key set fetches,
 *       so tokens with made-up key ids cannot make us hammer the issuer; 0 turns the limit off;
 *   <li>{@code email-claim} (default {@code email}), {@code name-claim} (default {@code name});
 *   <li>{@code require-verified-email} (default true): an existing account is linked by e-mail only
 *       if the token says {@code email_verified: true};
 *   <li>{@code tenant-claim}: claim holding the tenant's slug; or {@code tenant}: one fixed slug
 *       for every user of this issuer (exactly one of the two);
 *   <li>{@code roles-claim} (default {@code groups}; a dotted path such as {@code
 *       realm_access.roles} is followed): the user's groups or roles at the issuer;
 *   <li>{@code role-mapping}: {@code group=role,...} onto {@code tenant_admin}, {@code operator},
 *       {@code viewer}. When set, the issuer decides a user's built-in roles at every exchange;
 *   <li>{@code jit} (default false): create a user on their first exchange.
 * </ul>
 */
public record SsoConfig(
    String issuer,
    URI jwksUri,
    String audience,
    Duration clockSkew,
    Duration jwksRefreshMin,
    String emailClaim,
    String nameClaim,
    boolean requireVerifiedEmail,
    Optional<String> tenantClaim,
    Optional<String> fixedTenant,
    String rolesClaim,
    Map<String, String> roleMapping,
    boolean justInTime) {

  public SsoConfig {
    roleMapping = Map.copyOf(roleMapping);
  }

  /**
   * The configuration from {@code get} (a config key without its {@code vesana.sso.} prefix to its
   * value), empty when no issuer is set. Inconsistent settings throw, so a typo stops the start
   * instead of letting tokens through under the wrong rules.
   */
  public static Optional<SsoConfig> from(Function<String, Optional<String>> get) {
    Optional<String> issuer = value(get, "issuer");
    if (issuer.isEmpty()) {
      return Optional.empty();
    }
    URI jwks = URI.create(required(get, "jwks-uri"));
    boolean loopback = "127.0.0.1".equals(jwks.getHost()) || "localhost".equals(jwks.getHost());
    if (!"https".equals(jwks.getScheme()) && !("http".equals(jwks.getScheme()) && loopback)) {
      throw new IllegalArgumentException("vesana.sso.jwks-uri must be an https URL");
    }
    Optional<String> tenantClaim = value(get, "tenant-claim");
    Optional<String> fixedTenant = value(get, "tenant");
    if (tenantClaim.isPresent() == fixedTenant.isPresent()) {
      throw new IllegalArgumentException(
          "set exactly one of vesana.sso.tenant-claim and vesana.sso.tenant");
    }
    return Optional.of(
        new SsoConfig(
            issuer.get(),
            jwks,
            required(get, "audience"),
            Duration.ofSeconds(number(get, "clock-skew-seconds", 30)),
            Duration.ofSeconds(number(get, "jwks-refresh-min-seconds", 30)),
            value(get, "email-claim").orElse("email"),
            value(get, "name-claim").orElse("name"),
            !value(get, "require-verified-email").orElse("true").equalsIgnoreCase("false"),
            tenantClaim,
            fixedTenant,
            value(get, "roles-claim").orElse("groups"),
            roleMapping(value(get, "role-mapping").orElse("")),
            value(get, "jit").orElse("false").equalsIgnoreCase("true")));
  }

  /** {@code group=role,...}; roles must be built-in tenant roles (never super_admin). */
  static Map<String, String> roleMapping(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : text.split(",", -1)) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.lastIndexOf('=');
      String role = eq < 0 ? "" : pair.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
      String group = eq < 0 ? "" : pair.substring(0, eq).strip();
      if (group.isEmpty()
          || BuiltInRole.byName(role).isEmpty()
          || role.equals(BuiltInRole.SUPER_ADMIN.roleName())) {
        throw new IllegalArgumentException(
            "vesana.sso.role-mapping: '"
                + pair.strip()
                + "' is not group=role with role tenant_admin, operator or viewer");
      }
      out.put(group, role);
    }
    return out;
  }

  private static Optional<String> value(Function<String, Optional<String>> get, String key) {
    return get.apply(key).map(String::strip).filter(s -> !s.isEmpty());
  }

  private static String required(Function<String, Optional<String>> get, String key) {
    return value(get, key)
        .orElseThrow(
            () -> new IllegalArgumentException("vesana.sso." + key + " is required for SSO"));
  }

  private static long number(Function<String, Optional<String>> get, String key, long dflt) {
    long n = value(get, key).map(Long::parseLong).orElse(dflt);
    if (n < 0) {
      throw new IllegalArgumentException("vesana.sso." + key + " must not be negative");
    }
    return n;
  }
}
