package io.vesana.receiver.redis;

/**
 * The stream did not take the entry, and it is certain (FULL, OUT_OF_MEMORY) or likely
 * (UNAVAILABLE) that nothing was added. Always temporary from the sender's view: 503 + Retry-After.
 */
public class StreamRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why; also the metric tag of the refusal. */
  public enum Reason {
    /** XLEN reached {@code vesana.receiver.stream.max-length}: workers are behind. */
    FULL,
    /** Redis is at maxmemory with noeviction and refuses writes. */
    OUT_OF_MEMORY,
    /** Redis unreachable, timed out, loading, read-only or otherwise not writing. */
    UNAVAILABLE
  }

  private final Reason reason;

  StreamRefusedException(Reason reason, Throwable cause) {
    super("stream refused: " + reason, cause, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
