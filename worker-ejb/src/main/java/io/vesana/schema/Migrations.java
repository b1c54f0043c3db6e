package io.vesana.schema;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The one place that knows how the schema is migrated. Used by {@link SchemaMigration} at start-up
 * and by the integration tests, so both run exactly the same migrations.
 *
 * <p>Concurrency contract: several instances may call {@link #migrate(DataSource)} at the same
 * moment. Flyway serialises them with a PostgreSQL advisory lock, so every migration is applied
 * exactly once and the late callers find nothing left to do.
 */
public final class Migrations {

  /** Classpath location of the SQL migrations. */
  public static final String LOCATION = "classpath:db/migration";

  private Migrations() {}

  public static MigrateResult migrate(DataSource dataSource) {
    return flyway(dataSource).migrate();
  }

  public static Flyway flyway(DataSource dataSource) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(LOCATION)
        .table("flyway_schema_history")
        // A migration that fails must leave no half-built schema behind: PostgreSQL DDL is
        // transactional, and each migration runs in its own transaction.
        .group(false)
        .mixed(false)
        .validateMigrationNaming(true)
        .cleanDisabled(true)
        .load();
  }
}
