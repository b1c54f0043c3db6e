package io.vesana.auth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TwoFactorPolicyTest {

  private static final List<String> NO_ROLES = List.of();

  @Test
  void byDefaultNothingRequiresIt() {
    TwoFactorPolicy policy = TwoFactorPolicy.fromConfig(null);
    assertThat(policy.requiredRoles()).isEmpty();
    assertThat(policy.requires(false, null, List.of("tenant_admin", "super_admin"))).isFalse();
    assertThat(TwoFactorPolicy.fromConfig("  ").requiredRoles()).isEmpty();
  }

  @Test
  void theTenantSettingRequiresItWhenJsonTrue() {
    TwoFactorPolicy policy = TwoFactorPolicy.fromConfig("");
    assertThat(policy.requires(false, "true", NO_ROLES)).isTrue();
    assertThat(policy.requires(false, " true\n", NO_ROLES)).isTrue();
    assertThat(policy.requires(false, "false", NO_ROLES)).isFalse();
    assertThat(policy.requires(false, "\"true\"", NO_ROLES))
        .as("a string, not a boolean")
        .isFalse();
    assertThat(policy.requires(false, "null", NO_ROLES)).isFalse();
  }

  @Test
  void theUsersOwnFlagRequiresIt() {
    assertThat(TwoFactorPolicy.fromConfig(null).requires(true, null, NO_ROLES)).isTrue();
  }

  @Test
  void configuredRolesRequireIt() {
    TwoFactorPolicy policy = TwoFactorPolicy.fromConfig(" Tenant_Admin , super_admin,");
    assertThat(policy.requiredRoles()).containsExactlyInAnyOrder("tenant_admin", "super_admin");
    assertThat(policy.requires(false, "false", List.of("viewer", "tenant_admin"))).isTrue();
    assertThat(policy.requires(false, null, List.of("super_admin"))).isTrue();
    assertThat(policy.requires(false, null, List.of("operator", "viewer"))).isFalse();
    assertThat(policy.requires(false, null, NO_ROLES)).isFalse();
  }

  @Test
  void unknownRoleNamesAreAConfigurationError() {
    assertThatThrownBy(() -> TwoFactorPolicy.fromConfig("tenant_admin,admins"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(TwoFactorPolicy.REQUIRED_ROLES_CONFIG)
        .hasMessageContaining("admins");
  }
}
