package io.vesana.receiver.wire;

import java.util.List;

/** The body breaks contract v1; nothing of it may be enqueued. Maps to 400. */
public class InvalidBodyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;
  private final boolean truncated;

  InvalidBodyException(List<Violation> violations, boolean truncated) {
    super(violations.size() + " contract violation(s)", null, false, false);
    this.violations = List.copyOf(violations);
    this.truncated = truncated;
  }

  public List<Violation> violations() {
    return violations;
  }

  /** True when more violations existed than were collected (reading stopped at the cap). */
  public boolean truncated() {
    return truncated;
  }
}
