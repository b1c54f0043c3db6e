package io.vesana.schema;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date when an instance starts (config {@code vesana.schema.migrate},
 * default true). Every instance may do it: {@link Migrations} is safe when several start together.
 * A failure does not stop the instance; readiness reports it until a later attempt succeeds, so an
 * instance started before its database recovers by itself.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

  private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  private DataSource dataSource;

  @jakarta.inject.Inject
  @ConfigProperty(name = "vesana.schema.migrate", defaultValue = "true")
  boolean migrateOnStart;

  private final AtomicReference<String> problem = new AtomicReference<>("not migrated yet");

  @PostConstruct
  void start() {
    ensureMigrated();
  }

  /** Migrates if not done yet; returns true when the schema is current. Idempotent. */
  public boolean ensureMigrated() {
    if (problem.get() == null) {
      return true;
    }
    if (!migrateOnStart) {
      problem.set(null);
      return true;
    }
    synchronized (this) {
      if (problem.get() == null) {
        return true;
      }
      try {
        MigrateResult result = Migrations.migrate(dataSource);
        LOG.info(
            () ->
                "schema at version "
                    + result.targetSchemaVersion
                    + ", "
                    + result.migrationsExecuted
                    + " migrations applied by this instance");
        problem.set(null);
        return true;
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, "schema migration failed; readiness stays DOWN until it succeeds", e);
        problem.set(e.getClass().getSimpleName());
        return false;
      }
    }
  }

  /** Why the schema is not ready, or null when it is. */
  public String problem() {
    return problem.get();
  }
}
