package io.vesana.hosts;

/** Another host of the tenant already has this name (names are unique per tenant, any case). */
public class HostNameTakenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HostNameTakenException(String name) {
    super("a host named '" + name + "' already exists in this tenant");
  }
}
