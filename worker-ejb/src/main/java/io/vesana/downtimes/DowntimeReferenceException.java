package io.vesana.downtimes;

/** The host, service or host group named does not exist in the tenant, or they do not fit. */
public class DowntimeReferenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DowntimeReferenceException() {
    super(
        "the host, service or host group does not exist in this tenant"
            + " (or the service is not on that host)");
  }
}
