/**
 * Alerts: opened when a service enters a hard problem state, resolved on its hard recovery, with
 * their event history. Here only the basic open/resolve the ingest pipeline drives and the
 * notification hook ({@link io.vesana.alerts.AlertTransition} as a CDI event); escalation,
 * acknowledgement and channels come with the alerting issue.
 */
package io.vesana.alerts;
