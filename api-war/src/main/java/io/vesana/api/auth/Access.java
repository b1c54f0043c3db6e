package io.vesana.api.auth;

import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Authorization, called on the first line of every resource method: {@code Caller c =
 * access.require(Permissions.HOSTS_READ);}. No verified token → 401; token without the permission →
 * 403. Rows of other tenants are then filtered by the caller's {@link Caller#scope()} and answer
 * 404, never 403, so their existence is not revealed.
 *
 * <p>A user who must use two-factor authentication but has not set it up logs in with a token that
 * allows only enrolment: {@link #caller()} and {@link #require} answer it with 403 {@code
 * urn:vesana:problem:two-factor-enrolment-required}, and only the enrolment endpoints accept it,
 * through {@link #callerForTwoFactorEnrolment()}. Refusing by default means an endpoint added later
 * cannot forget the check.
 */
@RequestScoped
public class Access {

  @Inject JsonWebToken jwt;

  private Caller caller;

  public Caller require(String permission) {
    Caller c = caller();
    if (!c.may(permission)) {
      throw Problem.forbidden(permission);
    }
    return c;
  }

  /** For system administration (all tenants): super admins only. */
  public Caller requireSuperAdmin() {
    Caller c = caller();
    if (!c.superAdmin()) {
      throw new io.vesana.api.problems.Problem(
          403,
          "urn:vesana:problem:forbidden",
          "Not allowed",
          "Only a super admin may do this.",
          java.util.Map.of());
    }
    return c;
  }

  /** The verified caller of this request, with full use of their permissions. */
  public Caller caller() {
    Caller c = callerForTwoFactorEnrolment();
    if (c.twoFactorEnrolmentOnly()) {
      throw Problem.twoFactorEnrolmentRequired();
    }
    return c;
  }

  /**
   * The verified caller, also one whose token allows nothing but setting up a second factor. For
   * the caller's own two-factor endpoints only; everything else uses {@link #caller()}.
   */
  public Caller callerForTwoFactorEnrolment() {
    if (caller != null) {
      return caller;
    }
    if (jwt == null || jwt.getRawToken() == null || jwt.getSubject() == null) {
      throw Problem.unauthorized();
    }
    long userId;
    try {
      userId = Long.parseLong(jwt.getSubject());
    } catch (NumberFormatException e) {
      throw Problem.unauthorized();
    }
    Object tenant = jwt.getClaim(AccessTokens.TENANT);
    Long tenantId = tenant instanceof JsonNumber n ? n.longValue() : null;
    if (tenant instanceof Number n) {
      tenantId = n.longValue();
    }
    // A token without a tenant is a super admin's only if it says so; anything else is refused.
    if (tenantId == null && !jwt.getGroups().contains("super_admin")) {
      throw Problem.unauthorized();
    }
    boolean enrolmentOnly = isTrue(jwt.getClaim(AccessTokens.TWO_FACTOR_ENROLMENT_ONLY));
    caller =
        new Caller(
            userId,
            tenantId,
            jwt.getName(),
            jwt.getGroups(),
            enrolmentOnly ? Set.of() : strings(jwt.getClaim(AccessTokens.PERMISSIONS)),
            enrolmentOnly ? Set.of() : numbers(jwt.getClaim(AccessTokens.READABLE)),
            enrolmentOnly);
    return caller;
  }

  private static boolean isTrue(Object claim) {
    return claim instanceof JsonValue v
        ? v.getValueType() == JsonValue.ValueType.TRUE
        : Boolean.TRUE.equals(claim);
  }

  private static Set<String> strings(Object claim) {
    Set<String> out = new HashSet<>();
    if (claim instanceof JsonArray a) {
      for (JsonValue v : a) {
        if (v instanceof JsonString s) {
          out.add(s.getString());
        }
      }
    } else if (claim instanceof Iterable<?> it) {
      it.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }

  private static Set<Long> numbers(Object claim) {
    Set<Long> out = new HashSet<>();
    if (claim instanceof JsonArray a) {
      for (JsonValue v : a) {
        if (v instanceof JsonNumber n) {
          out.add(n.longValue());
        }
      }
    }
    return out;
  }
}
