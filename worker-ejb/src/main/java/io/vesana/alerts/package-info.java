/**
 * Alerts: opened when a service enters a hard problem state, resolved on its hard recovery, with
 * their event history; the ingest pipeline drives open/resolve and the notification hook ({@link
 * io.vesana.alerts.AlertTransition} as a CDI event, observed by the notifications feature); {@link
 * io.vesana.alerts.AlertDesk} is what operators do with them (list, acknowledge, comment).
 */
package io.vesana.alerts;
