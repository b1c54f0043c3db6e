package io.vesana.edge;

/** An edge request that cannot be served: {@code status} is the HTTP status to answer. */
public class EdgeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public EdgeException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
