package io.vesana.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vesana.hosts.Host;
import io.vesana.tenancy.CurrentTenantScope;
import io.vesana.tenancy.TenantAccessDeniedException;
import io.vesana.tenancy.TenantScope;
import io.vesana.tenancy.UnscopedTenantAccessException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-row guard on its own, as JPA calls it for every loaded and written entity. */
class TenantGuardListenerTest {

  private final TenantGuardListener listener = new TenantGuardListener();
  private final Host ofTenant7 = new Host(7, "web-1", "192.0.2.7");

  @Test
  void loadingWithoutAScopeThrows() {
    assertThatThrownBy(() -> listener.loaded(ofTenant7))
        .isInstanceOf(UnscopedTenantAccessException.class);
  }

  @Test
  void loadingAnotherTenantsRowThrows() {
    try (var b = CurrentTenantScope.bind(TenantScope.of(8))) {
      assertThatThrownBy(() -> listener.loaded(ofTenant7))
          .isInstanceOf(TenantAccessDeniedException.class);
    }
  }

  @Test
  void crossTenantReadLoadsButDoesNotWrite() {
    try (var b = CurrentTenantScope.bind(TenantScope.of(8, Set.of(7L)))) {
      assertThatCode(() -> listener.loaded(ofTenant7)).doesNotThrowAnyException();
      assertThatThrownBy(() -> listener.writing(ofTenant7))
          .isInstanceOf(TenantAccessDeniedException.class);
    }
  }

  @Test
  void ownTenantAndAllTenantsMayWrite() {
    try (var b = CurrentTenantScope.bind(TenantScope.of(7))) {
      assertThatCode(() -> listener.writing(ofTenant7)).doesNotThrowAnyException();
    }
    try (var b = CurrentTenantScope.bind(TenantScope.allTenants())) {
      assertThatCode(() -> listener.writing(ofTenant7)).doesNotThrowAnyException();
    }
    GuardedWrites.clear();
  }

  @Test
  void bindingsNestAndRestore() {
    try (var outer = CurrentTenantScope.bind(TenantScope.of(1))) {
      try (var inner = CurrentTenantScope.bind(TenantScope.allTenants())) {
        assertThatCode(() -> listener.loaded(ofTenant7)).doesNotThrowAnyException();
      }
      assertThatThrownBy(() -> listener.loaded(ofTenant7))
          .isInstanceOf(TenantAccessDeniedException.class);
    }
    assertThatThrownBy(() -> listener.loaded(ofTenant7))
        .isInstanceOf(UnscopedTenantAccessException.class);
  }
}
