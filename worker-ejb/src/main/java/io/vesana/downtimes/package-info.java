/**
 * Downtimes: planned maintenance windows on a host, a service or a host group, one-off or recurring
 * ({@link io.vesana.downtimes.Recurrence}). {@link io.vesana.downtimes.DowntimeCalendar} decides
 * whether an instant falls in one; {@link io.vesana.downtimes.DowntimeBook} is the use cases of the
 * API; {@link io.vesana.downtimes.DowntimeLookup} answers "is this service in downtime now" for
 * alerting; {@link io.vesana.downtimes.DowntimeExpiry} is the watcher's work (ends expired
 * one-offs, keeps the in_downtime flags of the status tables and the alert history in step).
 */
package io.vesana.downtimes;
