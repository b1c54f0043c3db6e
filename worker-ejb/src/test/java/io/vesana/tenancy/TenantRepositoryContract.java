package io.vesana.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vesana.testing.TestPersistence;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The tenant-isolation contract, written once and run against every {@link TenantRepository} (one
 * subclass per repository), on the real PostgreSQL with the production persistence unit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TenantRepositoryContract<E extends TenantOwnedEntity> {

  protected TestPersistence db;
  private long tenantA;
  private long tenantB;
  private long rowOfA;
  private long rowOfB;
  private int seq;

  protected abstract TenantRepository<E> repository(EntityManager em);

  protected abstract E newEntity(long tenantId, String name);

  protected abstract String nameOf(E entity);

  protected abstract void rename(E entity, String name);

  protected abstract Long idOf(E entity);

  protected abstract Class<E> type();

  @BeforeAll
  void database() {
    db = TestPersistence.onFreshDatabase();
    tenantA = db.createTenant("tenant-a");
    tenantB = db.createTenant("tenant-b");
  }

  @AfterAll
  void dropDatabase() {
    db.close();
  }

  @BeforeEach
  void oneRowPerTenant() {
    rowOfA = add(TenantScope.of(tenantA), tenantA, "a-" + (++seq));
    rowOfB = add(TenantScope.of(tenantB), tenantB, "b-" + (++seq));
  }

  private long add(TenantScope scope, long tenant, String name) {
    return db.inTransaction(em -> idOf(repository(em).add(scope, newEntity(tenant, name))));
  }

  private String nameInDatabase(long id) {
    return db.inTransaction(
        em -> repository(em).find(TenantScope.allTenants(), id).map(this::nameOf).orElse(null));
  }

  @Test
  void tenantSeesItsOwnRow() {
    Optional<String> name =
        db.inTransaction(
            em -> repository(em).find(TenantScope.of(tenantA), rowOfA).map(this::nameOf));
    assertThat(name).isPresent();
  }

  @Test
  void tenantCannotReadAnotherTenantsRow() {
    TenantScope a = TenantScope.of(tenantA);
    assertThat(find(a, rowOfB)).isEmpty();
    List<E> page = db.inTransaction(em -> repository(em).list(a, 0, TenantRepository.MAX_PAGE));
    assertThat(page).isNotEmpty().allSatisfy(e -> assertThat(e.tenantId()).isEqualTo(tenantA));
    long countA = db.inTransaction(em -> repository(em).count(a));
    Object truth =
        db.queryValue("SELECT count(*) FROM " + table() + " WHERE tenant_id = ?", tenantA);
    assertThat(countA).isEqualTo(((Number) truth).longValue());
  }

  @Test
  void tenantCannotUpdateAnotherTenantsRow() {
    String before = nameInDatabase(rowOfB);
    boolean changed =
        db.inTransaction(
            em ->
                repository(em).update(TenantScope.of(tenantA), rowOfB, e -> rename(e, "hijacked")));
    assertThat(changed).isFalse();
    assertThat(nameInDatabase(rowOfB)).isEqualTo(before);
  }

  @Test
  void tenantCannotDeleteAnotherTenantsRow() {
    boolean deleted =
        db.inTransaction(em -> repository(em).delete(TenantScope.of(tenantA), rowOfB));
    assertThat(deleted).isFalse();
    assertThat(nameInDatabase(rowOfB)).isNotNull();
  }

  @Test
  void tenantCanUpdateAndDeleteItsOwnRow() {
    TenantScope a = TenantScope.of(tenantA);
    assertThat(update(a, rowOfA, e -> rename(e, "renamed-" + rowOfA))).isTrue();
    assertThat(nameInDatabase(rowOfA)).isEqualTo("renamed-" + rowOfA);
    assertThat(delete(a, rowOfA)).isTrue();
    assertThat(nameInDatabase(rowOfA)).isNull();
  }

  @Test
  void tenantCannotCreateRowsInAnotherTenant() {
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    em ->
                        repository(em)
                            .add(TenantScope.of(tenantA), newEntity(tenantB, "sneaky-" + (++seq)))))
        .isInstanceOf(TenantAccessDeniedException.class);
    Object sneaky =
        db.queryValue("SELECT count(*) FROM " + table() + " WHERE name LIKE 'sneaky-%'");
    assertThat(((Number) sneaky).longValue()).isZero();
  }

  @Test
  void superAdminScopeSeesEveryTenant() {
    TenantScope all = TenantScope.allTenants();
    assertThat(find(all, rowOfA)).isPresent();
    assertThat(find(all, rowOfB)).isPresent();
    long count = db.inTransaction(em -> repository(em).count(all));
    Object truth = db.queryValue("SELECT count(*) FROM " + table());
    assertThat(count).isEqualTo(((Number) truth).longValue());
  }

  @Test
  void crossTenantReadRoleReadsButCannotWrite() {
    TenantScope aReadingB = TenantScope.of(tenantA, java.util.Set.of(tenantB));
    assertThat(find(aReadingB, rowOfB)).isPresent();
    String before = nameInDatabase(rowOfB);
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    em -> repository(em).update(aReadingB, rowOfB, e -> rename(e, "x"))))
        .satisfies(
            e ->
                assertThat(causes(e))
                    .hasAtLeastOneElementOfType(TenantAccessDeniedException.class));
    assertThatThrownBy(() -> db.inTransaction(em -> repository(em).delete(aReadingB, rowOfB)))
        .satisfies(
            e ->
                assertThat(causes(e))
                    .hasAtLeastOneElementOfType(TenantAccessDeniedException.class));
    assertThat(nameInDatabase(rowOfB)).isEqualTo(before);
  }

  @Test
  void loadByIdWithoutTheFilterIsRefused() {
    // Bind a scope but leave the Hibernate filter off, as a careless em.find() would: the statement
    // guard (or, behind it, the entity listener) must refuse the other tenant's row.
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    em -> {
                      try (var bound = CurrentTenantScope.bind(TenantScope.of(tenantA))) {
                        return em.find(type(), rowOfB);
                      }
                    }))
        .satisfies(
            e ->
                assertThat(causes(e))
                    .anyMatch(
                        t ->
                            t instanceof TenantAccessDeniedException
                                || t instanceof UnscopedTenantAccessException));
  }

  @Test
  void unscopedLoadByIdThrows() {
    assertThatThrownBy(() -> db.inTransaction(em -> em.find(type(), rowOfA)))
        .satisfies(
            e ->
                assertThat(causes(e))
                    .hasAtLeastOneElementOfType(UnscopedTenantAccessException.class));
  }

  @Test
  void unscopedQueryThrowsInsteadOfReturningEverything() {
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    em ->
                        em.createQuery("select e from " + type().getSimpleName() + " e", type())
                            .getResultList()))
        .satisfies(
            e ->
                assertThat(causes(e))
                    .hasAtLeastOneElementOfType(UnscopedTenantAccessException.class));
  }

  private Optional<E> find(TenantScope scope, long id) {
    return db.inTransaction(em -> repository(em).find(scope, id));
  }

  private boolean update(TenantScope scope, long id, java.util.function.Consumer<E> change) {
    return db.inTransaction(em -> repository(em).update(scope, id, change));
  }

  private boolean delete(TenantScope scope, long id) {
    return db.inTransaction(em -> repository(em).delete(scope, id));
  }

  protected String table() {
    return type().getAnnotation(jakarta.persistence.Table.class).name();
  }

  static List<Throwable> causes(Throwable e) {
    List<Throwable> chain = new java.util.ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }
}
