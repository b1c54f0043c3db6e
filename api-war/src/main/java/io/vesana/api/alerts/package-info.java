/** Alerts over REST: list, detail with history, acknowledge, comment. */
package io.vesana.api.alerts;
