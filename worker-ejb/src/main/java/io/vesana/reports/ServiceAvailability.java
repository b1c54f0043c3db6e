package io.vesana.reports;

/** One service's line of an availability report. */
public record ServiceAvailability(
    long serviceId, long tenantId, long hostId, String hostName, String serviceName, Times times) {

  /**
   * Milliseconds per hard state outside downtimes, with no known state, and in downtime. Their sum
   * is the period's length.
   */
  public record Times(
      long okMs, long warningMs, long criticalMs, long unknownMs, long noDataMs, long downtimeMs) {

    /**
     * OK time as a share of the time with a known state outside downtimes, 0..100; null when there
     * is no such time (a service with no data, or in downtime throughout).
     */
    public Double availabilityPercent() {
      long counted = okMs + warningMs + criticalMs + unknownMs;
      return counted == 0 ? null : 100.0 * okMs / counted;
    }
  }
}
