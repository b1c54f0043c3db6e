package io.vesana.hosts;

/** The host group or profile a host should point to does not exist in the host's tenant. */
public class HostReferenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HostReferenceException() {
    super("host_group_id or profile_id does not name a host group or profile of this tenant");
  }
}
