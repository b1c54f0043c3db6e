package io.vesana.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantScopeTest {

  @Test
  void regularUserReadsAndWritesOnlyHomeTenant() {
    TenantScope s = TenantScope.of(5);
    assertThat(s.canRead(5)).isTrue();
    assertThat(s.canWrite(5)).isTrue();
    assertThat(s.canRead(6)).isFalse();
    assertThat(s.canWrite(6)).isFalse();
    assertThat(s.isAllTenants()).isFalse();
  }

  @Test
  void crossTenantReadNeverGrantsWrite() {
    TenantScope s = TenantScope.of(5, Set.of(6L, 7L));
    assertThat(s.readableTenants()).containsExactlyInAnyOrder(5L, 6L, 7L);
    assertThat(s.canRead(7)).isTrue();
    assertThat(s.canWrite(7)).isFalse();
  }

  @Test
  void allTenantsSeesAndWritesEverything() {
    TenantScope s = TenantScope.allTenants();
    assertThat(s.canRead(1)).isTrue();
    assertThat(s.canWrite(99)).isTrue();
    assertThat(s.homeTenant()).isEmpty();
  }

  @Test
  void newRowsGoToTheHomeTenantOrAnExplicitOneForAllTenants() {
    assertThat(TenantScope.of(5).tenantForNewRow(null)).isEqualTo(5);
    assertThatThrownBy(() -> TenantScope.of(5).tenantForNewRow(6L))
        .isInstanceOf(TenantAccessDeniedException.class);
    assertThat(TenantScope.allTenants().tenantForNewRow(9L)).isEqualTo(9);
    assertThatThrownBy(() -> TenantScope.allTenants().tenantForNewRow(null))
        .isInstanceOf(TenantAccessDeniedException.class);
  }
}
