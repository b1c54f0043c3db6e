package io.vesana.profiles;

/** A name already taken (any case), or a profile still used by hosts. */
public class ProfileConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProfileConflictException(String message) {
    super(message);
  }
}
