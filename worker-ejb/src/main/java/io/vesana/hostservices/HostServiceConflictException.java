package io.vesana.hostservices;

/** A service name already used on the host (any case), or a second host check service. */
public class HostServiceConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HostServiceConflictException(String message) {
    super(message);
  }
}
