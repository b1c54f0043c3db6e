package io.vesana.schema;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when PostgreSQL answers and the schema is migrated to the current version. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject SchemaMigration schema;

  @Override
  public HealthCheckResponse call() {
    try (Connection c = dataSource.getConnection()) {
      if (!c.isValid(2)) {
        return down("connection not valid");
      }
    } catch (SQLException e) {
      return down("unreachable: " + e.getSQLState());
    }
    if (!schema.ensureMigrated()) {
      return down("schema: " + schema.problem());
    }
    return HealthCheckResponse.named("postgresql").up().build();
  }

  private static HealthCheckResponse down(String why) {
    return HealthCheckResponse.named("postgresql").down().withData("reason", why).build();
  }
}
