/**
 * Reports: availability (time per hard state and availability percentage) of services over a
 * period, computed from {@code state_changes}, optionally leaving scheduled downtimes out. Reads
 * only; every query names the caller's tenants. The interval arithmetic is {@link
 * io.vesana.reports.AvailabilityTally}; SQL lives in {@code internal}.
 */
package io.vesana.reports;
