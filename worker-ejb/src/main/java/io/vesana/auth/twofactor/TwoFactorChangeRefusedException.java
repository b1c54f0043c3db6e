package io.vesana.auth.twofactor;

/**
 * A two-factor enrolment step that cannot be done, and why. The message is fixed per reason and
 * never contains a code or a secret. Unchecked, so the enclosing transaction rolls back.
 */
public final class TwoFactorChangeRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the change was refused. */
  public enum Reason {
    /** Enrolment started or confirmed while two-factor is already on. */
    ALREADY_ENABLED("Two-factor authentication is already enabled; turn it off first."),
    /** Confirmation without a started enrolment. */
    NOT_STARTED("No two-factor enrolment has been started; start one first."),
    /** Turning off what is not on. */
    NOT_ENABLED("Two-factor authentication is not enabled."),
    /** The code is wrong, malformed, or of an already used time step. */
    WRONG_CODE("The code is not valid."),
    /** The policy requires two-factor of this user, so it stays on. */
    REQUIRED_BY_POLICY("Two-factor authentication is required for this account."),
    /** The token's user no longer exists or may no longer log in. */
    NO_ACCOUNT("The account does not exist or is not active.");

    private final String message;

    Reason(String message) {
      this.message = message;
    }
  }

  private final Reason reason;

  public TwoFactorChangeRefusedException(Reason reason) {
    // An expected outcome, not a fault: no stack trace to fill or log.
    super(reason.message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
