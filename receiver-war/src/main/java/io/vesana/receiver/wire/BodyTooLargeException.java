package io.vesana.receiver.wire;

/** The body is (or announced to be) larger than the contract allows. Maps to 413. */
public class BodyTooLargeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long limit;

  public BodyTooLargeException(long limit) {
    super("body larger than " + limit + " bytes", null, false, false);
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
