package io.vesana.schema;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * The application's connection pool, defined with the application so that it behaves the same on
 * Payara Micro, full Payara Server and in Arquillian. Payara resolves the {@code MPCONFIG}
 * references at deployment from MicroProfile Config's early sources: environment variables ({@code
 * VESANA_DB_URL}, {@code VESANA_DB_USER}, {@code VESANA_DB_PASSWORD}) and system properties ({@code
 * -Dvesana.db.url=...}). Defaults are documented in {@code server-config/vesana.env.example}; the
 * launcher and the systemd units always set them.
 */
@DataSourceDefinition(
    name = VesanaDataSource.JNDI_NAME,
    className = "org.postgresql.ds.PGSimpleDataSource",
    url = "${MPCONFIG=vesana.db.url}",
    user = "${MPCONFIG=vesana.db.user}",
    password = "${MPCONFIG=vesana.db.password}",
    minPoolSize = 2,
    maxPoolSize = 32,
    properties = {
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
      "fish.payara.fail-all-connections=true",
      "fish.payara.connection-creation-retry-attempts=3",
      "fish.payara.connection-creation-retry-interval-in-seconds=2"
    })
@Singleton
public class VesanaDataSource {
  public static final String JNDI_NAME = "java:app/jdbc/vesana";
}
