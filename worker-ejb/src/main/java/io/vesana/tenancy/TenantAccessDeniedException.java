package io.vesana.tenancy;

/**
 * A row of a tenant outside the caller's scope was about to be read or changed. The REST layer maps
 * this to 404, never revealing that the row exists.
 */
public class TenantAccessDeniedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TenantAccessDeniedException(String message) {
    super(message);
  }
}
