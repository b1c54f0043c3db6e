package io.vesana.receiver.health;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * A small, read-only pool: the receiver reads token hashes, never writes (same config keys as the
 * server side, resolved by Payara from MicroProfile Config's environment and system sources).
 */
@DataSourceDefinition(
    name = ReceiverDataSource.JNDI_NAME,
    className = "org.postgresql.ds.PGSimpleDataSource",
    url = "${MPCONFIG=vesana.db.url}",
    user = "${MPCONFIG=vesana.db.user}",
    password = "${MPCONFIG=vesana.db.password}",
    minPoolSize = 1,
    maxPoolSize = 8,
    properties = {
      "readOnly=true",
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation"
    })
@Singleton
public class ReceiverDataSource {
  public static final String JNDI_NAME = "java:app/jdbc/vesana-receiver";
}
