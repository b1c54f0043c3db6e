package io.vesana.tenancy;

/**
 * Tenant data was queried or changed with no tenant scope bound. This is a programming error, and
 * failing loudly is the point: an unscoped query must never return every tenant's rows.
 */
public class UnscopedTenantAccessException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public UnscopedTenantAccessException(String message) {
    super(message);
  }
}
