package io.vesana.auth.sso;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.BuiltInRole;
import io.vesana.auth.Caller;
import io.vesana.auth.sso.internal.JdbcSsoIdentities;
import io.vesana.auth.sso.internal.JdbcSsoIdentities.UserRef;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who a verified issuer identity is in Vesana, in the exchange's transaction:
 *
 * <ol>
 *   <li>the tenant: the configured fixed slug, or the tenant claim's value as a slug; it must be an
 *       active customer tenant;
 *   <li>the user: the one linked to (issuer, subject) in {@code sso_identities}; else the user with
 *       the token's e-mail, linked now if the issuer vouches for the address ({@code
 *       email_verified}); else, with just-in-time creation on, a new password-less user. A user of
 *       another tenant, or a super admin (SSO is for tenant users), is never matched;
 *   <li>the roles: with a role mapping configured, the user's built-in roles become exactly the
 *       mapped ones of the token's groups (custom roles are kept); none mapped refuses the login.
 *       Without a mapping roles are managed in Vesana, and just-in-time users start as viewers.
 * </ol>
 *
 * Linking, creating and changed roles are audited. Not thread-confined state: one per exchange.
 */
final class SsoMapping {

  sealed interface Result {}

  record Mapped(long userId) implements Result {}

  record Denied(String code, String detail) implements Result {}

  private final SsoConfig config;
  private final AuditTrail audit;
  private final JdbcSsoIdentities rows = new JdbcSsoIdentities();

  SsoMapping(SsoConfig config, AuditTrail audit) {
    this.config = config;
    this.audit = audit;
  }

  Result apply(Connection c, ExternalIdentity id) throws SQLException {
    Optional<String> slug = config.fixedTenant().or(id::tenant);
    Optional<Long> tenant = slug.isEmpty() ? Optional.empty() : rows.activeTenant(c, slug.get());
    if (tenant.isEmpty()) {
      return new Denied("sso-tenant-unknown", "The token names no active Vesana tenant.");
    }
    Set<String> roles = mappedRoles(id);
    if (!config.roleMapping().isEmpty() && roles.isEmpty()) {
      return new Denied(
          "sso-no-role", "None of the user's groups at the issuer maps to a Vesana role.");
    }
    Result user = user(c, id, tenant.get(), roles);
    if (user instanceof Mapped m && !config.roleMapping().isEmpty()) {
      if (rows.replaceBuiltInRoles(c, tenant.get(), m.userId(), roles)) {
        audit.record(
            c,
            actor(m.userId(), tenant.get(), id),
            tenant.get(),
            "user.roles_synced",
            "user",
            Long.toString(m.userId()),
            null,
            Json.createObjectBuilder().add("roles", array(roles)).build());
      }
    }
    return user;
  }

  private Result user(Connection c, ExternalIdentity id, long tenant, Set<String> roles)
      throws SQLException {
    Optional<UserRef> linked = rows.byIdentity(c, id.issuer(), id.subject());
    if (linked.isPresent()) {
      if (!Objects.equals(linked.get().tenantId(), tenant)) {
        return mismatch();
      }
      rows.touch(c, id.issuer(), id.subject(), id.email().orElse(null));
      return new Mapped(linked.get().userId());
    }
    if (id.email().isEmpty()) {
      return unknown("the token carries no e-mail address");
    }
    String email = id.email().get();
    Optional<UserRef> byEmail = rows.byEmail(c, email);
    if (byEmail.isPresent()) {
      if (!Objects.equals(byEmail.get().tenantId(), tenant)) {
        return mismatch();
      }
      if (config.requireVerifiedEmail() && !id.emailVerified().orElse(false)) {
        return new Denied(
            "sso-email-unverified",
            "The issuer does not say the e-mail address is verified, so it is not linked to the"
                + " existing account.");
      }
      return link(c, byEmail.get().userId(), tenant, id, "sso_identity.linked");
    }
    if (!config.justInTime()) {
      return unknown("no account is linked to it and just-in-time creation is off");
    }
    long created = rows.createUser(c, tenant, email, id.name().orElse(email));
    if (config.roleMapping().isEmpty()) {
      rows.replaceBuiltInRoles(c, tenant, created, Set.of(BuiltInRole.VIEWER.roleName()));
    }
    return link(c, created, tenant, id, "user.created_by_sso");
  }

  private Result link(Connection c, long userId, long tenant, ExternalIdentity id, String action)
      throws SQLException {
    rows.link(c, userId, id.issuer(), id.subject(), id.email().orElse(null));
    audit.record(
        c,
        actor(userId, tenant, id),
        tenant,
        action,
        "user",
        Long.toString(userId),
        null,
        Json.createObjectBuilder()
            .add("issuer", id.issuer())
            .add("subject", id.subject())
            .add("email", id.email().orElse(""))
            .build());
    return new Mapped(userId);
  }

  private Set<String> mappedRoles(ExternalIdentity id) {
    Set<String> out = new TreeSet<>();
    for (String g : id.groups()) {
      String role = config.roleMapping().get(g);
      if (role != null) {
        out.add(role);
      }
    }
    return out;
  }

  private static Caller actor(long userId, long tenant, ExternalIdentity id) {
    return new Caller(
        userId, tenant, id.email().orElse(id.subject()), Set.of(), Set.of(), Set.of());
  }

  private static JsonArrayBuilder array(Set<String> values) {
    JsonArrayBuilder a = Json.createArrayBuilder();
    values.forEach(a::add);
    return a;
  }

  private static Denied mismatch() {
    // Not which tenant the account is in: that would tell the caller about other tenants.
    return new Denied(
        "sso-tenant-mismatch", "This identity's account does not belong to the token's tenant.");
  }

  private static Denied unknown(String why) {
    return new Denied(
        "sso-user-unknown",
        "No Vesana user for this identity: "
            + why
            + ". An administrator can invite the user by e-mail.");
  }
}
