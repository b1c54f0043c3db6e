package io.vesana.downtimes;

/** A cancelled downtime is history: it cannot be changed any more. */
public class DowntimeCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DowntimeCancelledException() {
    super("the downtime is cancelled and can no longer be changed");
  }
}
