/** JDBC writes of alerts and alert events, inside a caller's transaction. */
package io.vesana.alerts.internal;
