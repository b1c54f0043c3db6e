package io.vesana.hosts;

/** The parent a host group should be placed under is not a group of the same tenant. */
public class HostGroupParentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HostGroupParentException() {
    super("parent_id does not name a host group of this tenant");
  }
}
