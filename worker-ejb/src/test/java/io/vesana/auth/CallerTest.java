package io.vesana.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

  private static final Caller ADMIN =
      new Caller(7, 3L, "a@acme.example", Set.of("tenant_admin"), Permissions.ALL, Set.of(4L));

  @Test
  void aCallerUsesItsPermissionsByDefault() {
    assertThat(ADMIN.twoFactorEnrolmentOnly()).isFalse();
    assertThat(ADMIN.may(Permissions.HOSTS_READ)).isTrue();
    assertThat(ADMIN.scope()).isNotNull();
  }

  @Test
  void enrolmentOnlyKeepsWhoTheUserIsAndDropsWhatTheyMayDo() {
    Caller restricted = ADMIN.onlyTwoFactorEnrolment();

    assertThat(restricted.twoFactorEnrolmentOnly()).isTrue();
    assertThat(restricted.userId()).isEqualTo(7);
    assertThat(restricted.tenantId()).isEqualTo(3L);
    assertThat(restricted.email()).isEqualTo("a@acme.example");
    assertThat(restricted.roles()).containsExactly("tenant_admin");
    assertThat(restricted.permissions()).isEmpty();
    assertThat(restricted.readableTenants()).isEmpty();
    for (String p : Permissions.ALL) {
      assertThat(restricted.may(p)).as(p).isFalse();
    }
  }

  @Test
  void anEnrolmentOnlyCallerHasNoTenantScopeEvenAsSuperAdmin() {
    Caller superAdmin =
        new Caller(1, null, "root@vesana.local", Set.of("super_admin"), Permissions.ALL, Set.of());

    assertThatThrownBy(() -> superAdmin.onlyTwoFactorEnrolment().scope())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ADMIN.onlyTwoFactorEnrolment().scope())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anEnrolmentOnlyCallerWithPermissionsCannotBeMade() {
    assertThatThrownBy(
            () ->
                new Caller(
                    7,
                    3L,
                    "a@acme.example",
                    Set.of(),
                    Set.of(Permissions.HOSTS_READ),
                    Set.of(),
                    true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
