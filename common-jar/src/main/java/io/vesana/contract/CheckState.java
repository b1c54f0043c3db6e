package io.vesana.contract;

/**
 * The outcome of one check, with the Nagios plugin exit codes every agent, collector and NSCA
 * sender already speaks. A value, never an exception.
 */
public enum CheckState {
  OK(0),
  WARNING(1),
  CRITICAL(2),
  UNKNOWN(3);

  private final int code;

  CheckState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The state for a plugin exit code; anything outside 0..3 is rejected, not guessed. */
  public static CheckState ofCode(int code) {
    return switch (code) {
      case 0 -> OK;
      case 1 -> WARNING;
      case 2 -> CRITICAL;
      case 3 -> UNKNOWN;
      default -> throw new IllegalArgumentException("state must be 0..3, was " + code);
    };
  }
}
