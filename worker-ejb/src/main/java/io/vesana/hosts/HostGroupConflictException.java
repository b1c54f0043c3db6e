package io.vesana.hosts;

/**
 * The change would give a group a sibling of the same name (any case), or put a group under itself
 * or one of its descendants.
 */
public class HostGroupConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HostGroupConflictException(String message) {
    super(message);
  }
}
