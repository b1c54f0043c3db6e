package io.vesana.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vesana.tenancy.CurrentTenantScope;
import io.vesana.tenancy.TenantScope;
import io.vesana.tenancy.UnscopedTenantAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TenantStatementInspectorTest {

  private final TenantStatementInspector inspector = new TenantStatementInspector();

  @BeforeAll
  static void tenantTables() {
    TenantTables.register("hosts");
  }

  @AfterEach
  void clear() {
    GuardedWrites.clear();
  }

  @Test
  void globalTablesPassWithoutScope() {
    String sql = "select t1_0.id from tenants t1_0";
    assertThat(inspector.inspect(sql)).isEqualTo(sql);
  }

  @Test
  void tenantTableWithoutScopeThrows() {
    assertThatThrownBy(() -> inspector.inspect("select count(*) from hosts"))
        .isInstanceOf(UnscopedTenantAccessException.class)
        .hasMessageContaining("hosts");
    assertThatThrownBy(() -> inspector.inspect("SELECT 1 FROM tenants t JOIN \"hosts\" h ON true"))
        .isInstanceOf(UnscopedTenantAccessException.class);
  }

  @Test
  void restrictedScopeNeedsATenantPredicate() {
    try (var b = CurrentTenantScope.bind(TenantScope.of(3))) {
      assertThatThrownBy(() -> inspector.inspect("select h1_0.id,h1_0.tenant_id from hosts h1_0"))
          .isInstanceOf(UnscopedTenantAccessException.class);
      inspector.inspect("select h1_0.id from hosts h1_0 where h1_0.tenant_id in (?)");
      inspector.inspect("select id from hosts where tenant_id = ?");
      inspector.inspect("select id from hosts where tenant_id = any (?)");
      inspector.inspect("insert into hosts (name,tenant_id) values (?,?)");
    }
  }

  @Test
  void entityWriteByIdPassesOnlyAfterTheRowGuardApprovedIt() {
    String update = "update hosts set name=?,version=? where id=? and version=?";
    try (var b = CurrentTenantScope.bind(TenantScope.of(3))) {
      assertThatThrownBy(() -> inspector.inspect(update))
          .isInstanceOf(UnscopedTenantAccessException.class);
      GuardedWrites.approve("hosts");
      assertThat(inspector.inspect(update)).isEqualTo(update);
      assertThatThrownBy(() -> inspector.inspect("update hosts set name=?"))
          .isInstanceOf(UnscopedTenantAccessException.class);
    }
  }

  @Test
  void allTenantsScopeNeedsNoPredicate() {
    try (var b = CurrentTenantScope.bind(TenantScope.allTenants())) {
      inspector.inspect("select count(*) from hosts");
    }
  }
}
