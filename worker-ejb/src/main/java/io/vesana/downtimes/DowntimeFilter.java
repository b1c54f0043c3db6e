package io.vesana.downtimes;

/**
 * Which downtimes a list shows. {@code hostId} and {@code serviceId} match the downtime's own
 * columns (a host-scoped downtime has a host and no service).
 *
 * @param activeNow only those in effect at the time of the request
 * @param includeCancelled also cancelled ones (hidden by default)
 */
public record DowntimeFilter(
    boolean activeNow, Long hostId, Long serviceId, boolean includeCancelled) {

  public static DowntimeFilter all() {
    return new DowntimeFilter(false, null, null, false);
  }
}
