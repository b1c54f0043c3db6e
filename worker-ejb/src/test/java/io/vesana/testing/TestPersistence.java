package io.vesana.testing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The production persistence unit ({@code META-INF/persistence.xml}, same entities, filter,
 * listener and statement inspector), bootstrapped outside a container on a migrated {@link
 * TestDatabase} with resource-local transactions.
 */
public final class TestPersistence implements AutoCloseable {

  private final TestDatabase db;
  private final EntityManagerFactory emf;

  private TestPersistence(TestDatabase db) {
    this.db = db;
    Map<String, Object> props = new HashMap<>();
    props.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
    props.put("jakarta.persistence.jtaDataSource", db.dataSource());
    props.put("jakarta.persistence.nonJtaDataSource", db.dataSource());
    props.put(
        "hibernate.transaction.jta.platform",
        "org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform");
    this.emf = Persistence.createEntityManagerFactory("vesana", props);
  }

  public static TestPersistence onFreshDatabase() {
    return new TestPersistence(TestDatabase.createMigrated());
  }

  public TestDatabase database() {
    return db;
  }

  /** Runs {@code work} in one transaction, committing on success and rolling back on failure. */
  public <T> T inTransaction(Function<EntityManager, T> work) {
    EntityManager em = emf.createEntityManager();
    EntityTransaction tx = em.getTransaction();
    tx.begin();
    try {
      T result = work.apply(em);
      tx.commit();
      return result;
    } catch (RuntimeException e) {
      if (tx.isActive()) {
        tx.rollback();
      }
      throw e;
    } finally {
      em.close();
    }
  }

  /** Creates a tenant straight in the database (tenants are global rows) and returns its id. */
  public long createTenant(String slug) {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement("INSERT INTO tenants (slug, name) VALUES (?, ?) RETURNING id")) {
      ps.setString(1, slug);
      ps.setString(2, "Tenant " + slug);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads one value with plain JDBC, bypassing every ORM guard (for asserting on the truth). */
  public Object queryValue(String sql, Object... args) {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getObject(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    emf.close();
    db.close();
  }
}
