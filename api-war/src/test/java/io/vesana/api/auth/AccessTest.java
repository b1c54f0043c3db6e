package io.vesana.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** Access with verified tokens of both kinds: full, and enrolment-only. */
class AccessTest {

  @Test
  void aFullTokenIsAllowedWhatItsPermissionsSay() {
    Access access = access(claims(false));

    assertThat(access.require(Permissions.HOSTS_READ).may(Permissions.HOSTS_READ)).isTrue();
    assertThat(access.caller().twoFactorEnrolmentOnly()).isFalse();
    assertThatThrownBy(() -> access.require(Permissions.USERS_MANAGE))
        .isInstanceOfSatisfying(
            Problem.class, p -> assertThat(p.type()).isEqualTo("urn:vesana:problem:forbidden"));
  }

  @Test
  void anEnrolmentOnlyTokenIsRefusedEverywhereButAtEnrolment() {
    Access access = access(claims(true));

    for (Runnable call :
        new Runnable[] {access::caller, () -> access.require(Permissions.HOSTS_READ)}) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              Problem.class,
              p -> {
                assertThat(p.status()).isEqualTo(403);
                assertThat(p.type()).isEqualTo("urn:vesana:problem:two-factor-enrolment-required");
              });
    }
    Caller enrolling = access.callerForTwoFactorEnrolment();
    assertThat(enrolling.twoFactorEnrolmentOnly()).isTrue();
    assertThat(enrolling.userId()).isEqualTo(42);
    assertThat(enrolling.permissions())
        .as("permissions in the token are ignored when it is enrolment-only")
        .isEmpty();
  }

  @Test
  void theClaimMayAlsoArriveAsAJavaBoolean() {
    Map<String, Object> claims = claims(false);
    claims.put(AccessTokens.TWO_FACTOR_ENROLMENT_ONLY, Boolean.TRUE);

    assertThatThrownBy(() -> access(claims).caller()).isInstanceOf(Problem.class);
  }

  private static Map<String, Object> claims(boolean enrolmentOnly) {
    Map<String, Object> claims = new HashMap<>();
    claims.put("raw_token", "header.payload.signature");
    claims.put("sub", "42");
    claims.put("upn", "viewer@acme.example");
    claims.put("groups", Set.of("viewer"));
    claims.put(AccessTokens.TENANT, Json.createValue(3L));
    claims.put(AccessTokens.PERMISSIONS, Json.createArrayBuilder().add("hosts.read").build());
    claims.put(AccessTokens.READABLE, JsonValue.EMPTY_JSON_ARRAY);
    if (enrolmentOnly) {
      claims.put(AccessTokens.TWO_FACTOR_ENROLMENT_ONLY, JsonValue.TRUE);
    }
    return claims;
  }

  private static Access access(Map<String, Object> claims) {
    Access access = new Access();
    access.jwt = new FakeToken(claims);
    return access;
  }

  /** A token as MP JWT hands it over after verification. */
  private record FakeToken(Map<String, Object> claims) implements JsonWebToken {
    @Override
    public String getName() {
      return (String) claims.get("upn");
    }

    @Override
    public Set<String> getClaimNames() {
      return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
      return (T) claims.get(name);
    }
  }
}
