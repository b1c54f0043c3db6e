package io.vesana.tenancy;

import static io.vesana.tenancy.TenantRepositoryContract.causes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vesana.hosts.Host;
import io.vesana.hosts.internal.JpaHosts;
import io.vesana.testing.TestPersistence;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The statement-level guard: queries an entity listener never sees (native SQL, counts,
 * projections, bulk DML) are scoped or refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantStatementGuardIT {

  private TestPersistence db;
  private long tenantA;
  private long tenantB;

  @BeforeAll
  void setUp() {
    db = TestPersistence.onFreshDatabase();
    tenantA = db.createTenant("stmt-a");
    tenantB = db.createTenant("stmt-b");
    db.inTransaction(
        em ->
            new JpaHosts(em).add(TenantScope.of(tenantA), new Host(tenantA, "web-a", "192.0.2.1")));
    db.inTransaction(
        em ->
            new JpaHosts(em).add(TenantScope.of(tenantB), new Host(tenantB, "web-b", "192.0.2.2")));
  }

  @AfterAll
  void tearDown() {
    db.close();
  }

  @Test
  void unscopedNativeCountThrows() {
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    em -> em.createNativeQuery("select count(*) from hosts").getSingleResult()))
        .satisfies(
            e ->
                assertThat(causes(e))
                    .hasAtLeastOneElementOfType(UnscopedTenantAccessException.class));
  }

  @Test
  void unscopedProjectionThrows() {
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    em ->
                        em.createQuery("select h.name from Host h", String.class).getResultList()))
        .satisfies(
            e ->
                assertThat(causes(e))
                    .hasAtLeastOneElementOfType(UnscopedTenantAccessException.class));
  }

  @Test
  void nativeQueryWithoutTenantPredicateThrowsUnderARestrictedScope() {
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    em ->
                        TenantGuard.call(
                            em,
                            TenantScope.of(tenantA),
                            () -> em.createNativeQuery("select name from hosts").getResultList())))
        .satisfies(
            e ->
                assertThat(causes(e))
                    .hasAtLeastOneElementOfType(UnscopedTenantAccessException.class));
  }

  @Test
  void nativeQueryWithExplicitTenantPredicateRuns() {
    List<Object> names =
        db.<List<Object>>inTransaction(
            em ->
                TenantGuard.call(
                    em,
                    TenantScope.of(tenantA),
                    () ->
                        em.createNativeQuery("select name from hosts where tenant_id = ?1")
                            .setParameter(1, tenantA)
                            .getResultList()));
    assertThat(names).containsExactly((Object) "web-a");
  }

  @Test
  void scopedProjectionSeesOnlyItsTenant() {
    List<String> names =
        db.inTransaction(
            em ->
                TenantGuard.call(
                    em,
                    TenantScope.of(tenantA),
                    () ->
                        em.createQuery("select h.name from Host h", String.class).getResultList()));
    assertThat(names).containsExactly("web-a");
  }

  @Test
  void bulkUpdateUnderARestrictedScopeNeverTouchesAnotherTenant() {
    try {
      db.inTransaction(
          em ->
              TenantGuard.call(
                  em,
                  TenantScope.of(tenantA),
                  () ->
                      em.createQuery("update Host h set h.address = '198.51.100.9'")
                          .executeUpdate()));
    } catch (RuntimeException refused) {
      // Refusing the statement is as good as scoping it; what matters is tenant B below.
      assertThat(causes(refused)).hasAtLeastOneElementOfType(UnscopedTenantAccessException.class);
    }
    Object addressOfB = db.queryValue("select address from hosts where tenant_id = ?", tenantB);
    assertThat(addressOfB).isEqualTo("192.0.2.2");
  }

  @Test
  void bulkUpdateByIdOfAnotherTenantsRowHasNoEffect() {
    Object idOfB = db.queryValue("select id from hosts where tenant_id = ?", tenantB);
    try {
      db.inTransaction(
          em ->
              TenantGuard.call(
                  em,
                  TenantScope.of(tenantA),
                  () ->
                      em.createQuery("update Host h set h.name = 'taken' where h.id = :id")
                          .setParameter("id", ((Number) idOfB).longValue())
                          .executeUpdate()));
    } catch (RuntimeException refused) {
      assertThat(causes(refused)).hasAtLeastOneElementOfType(UnscopedTenantAccessException.class);
    }
    assertThat(db.queryValue("select name from hosts where id = ?", idOfB)).isEqualTo("web-b");
  }

  @Test
  void globalTablesNeedNoScope() {
    Object tenants =
        db.inTransaction(
            em -> em.createNativeQuery("select count(*) from tenants").getSingleResult());
    assertThat(((Number) tenants).longValue()).isGreaterThanOrEqualTo(2);
  }
}
