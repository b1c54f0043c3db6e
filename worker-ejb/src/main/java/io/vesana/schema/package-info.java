/**
 * The database: connection pool definition, Flyway migrations (db/migration), migration at start-up
 * and the readiness check that reports both.
 */
package io.vesana.schema;
