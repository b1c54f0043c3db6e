/**
 * Reading monitoring state: current status of services, problem lists, check-result history and
 * downsampled metric series for charts. Read-only, plain JDBC, with the caller's tenants named in
 * every statement.
 */
package io.vesana.status;
