package io.vesana.hosts;

/** The host group or profile a host should point to does not exist in the host's tenant. */
public class HostReferenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HostReferenceException() {
    super(
        "host_group_id, profile_id or collector_id does not name a host group, profile or collector"
            + " of this tenant");
  }
}
