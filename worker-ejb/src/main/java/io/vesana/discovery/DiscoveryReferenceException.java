package io.vesana.discovery;

/** The named collector (or host group) is not one of the caller's tenant. A 400. */
public class DiscoveryReferenceException extends RuntimeException {

  private final String field;

  public DiscoveryReferenceException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request field that names the missing row. */
  public String field() {
    return field;
  }
}
