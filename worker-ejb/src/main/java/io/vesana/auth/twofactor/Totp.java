package io.vesana.auth.twofactor;

import io.vesana.auth.twofactor.internal.Base32;
import io.vesana.auth.twofactor.internal.OtpCodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps make them: HMAC-SHA1, 6 digits,
 * 30-second steps, 20-byte secrets. Thread-safe; one instance can serve the whole application.
 *
 * <p>Verification accepts the current step and one step either side, so a phone clock up to about
 * 30 seconds off, or a code typed at the end of its window, still works (RFC 6238 §5.2).
 *
 * <h2>Replay protection</h2>
 *
 * A code stays valid for up to 90 seconds, so an observed code could be used again. {@link
 * #acceptedStep} returns the time step a code matched; the caller stores it per user and passes it
 * back as {@code lastUsedStep} next time, and codes of that step or earlier are refused. Two logins
 * racing with the same code must not both win: store the step with a compare-and-set, e.g. {@code
 * UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step <
 * ?)}, and treat zero updated rows as a failed verification.
 */
public final class Totp {

  /** The period of a time step. */
  public static final Duration TIME_STEP = Duration.ofSeconds(30);

  /** Digits of a code. */
  public static final int DIGITS = 6;

  /** {@code lastUsedStep} for a user who never logged in with a code. */
  public static final long NO_STEP_USED = Long.MIN_VALUE;

  /** 160 bits: the length RFC 4226 §4 recommends, and the output size of HMAC-SHA1. */
  static final int SECRET_BYTES = 20;

  private static final int DRIFT_STEPS = 1;

  private final SecureRandom random;
  private final OtpCodes codes = new OtpCodes(TIME_STEP, DIGITS);

  public Totp() {
    this(new SecureRandom());
  }

  Totp(SecureRandom random) {
    this.random = random;
  }

  /**
   * A fresh secret for {@code accountName} (what the app lists, e.g. the e-mail) under {@code
   * issuer} (the product or installation name). Neither may be blank or contain ':', the separator
   * of the URI's label. The enrolment is complete only once the user has entered a valid code.
   */
  public TotpEnrolment newEnrolment(String accountName, String issuer) {
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    String base32 = Base32.encode(secret);
    return new TotpEnrolment(
        secret, base32, OtpauthUri.of(issuer, accountName, base32, DIGITS, TIME_STEP));
  }

  /**
   * True if {@code code} is the code of the step of {@code now} or a neighbouring one. Anything
   * other than exactly six ASCII digits, null included, is false. Does not protect against replay:
   * logins use {@link #acceptedStep}.
   */
  public boolean verify(byte[] secret, String code, Instant now) {
    return acceptedStep(secret, code, now, NO_STEP_USED).isPresent();
  }

  /**
   * The time step {@code code} matched around {@code now}, if it is later than {@code lastUsedStep}
   * (see the class comment); empty for a wrong, malformed or already used code. When several steps
   * match (a one-in-a-million coincidence), the earliest unused one is returned, so the fewest
   * future codes are burnt.
   */
  public OptionalLong acceptedStep(byte[] secret, String code, Instant now, long lastUsedStep) {
    requireSecret(secret);
    Objects.requireNonNull(now, "now");
    if (!isWellFormed(code)) {
      return OptionalLong.empty();
    }
    byte[] typed = code.getBytes(StandardCharsets.US_ASCII);
    long current = timeStep(now);
    long accepted = 0;
    boolean found = false;
    // Every candidate is computed and compared in constant time, so timing does not reveal which
    // step, or how many leading digits, matched.
    for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
      byte[] expected = codes.code(secret, step).getBytes(StandardCharsets.US_ASCII);
      boolean match = MessageDigest.isEqual(expected, typed);
      if (match && step > lastUsedStep && !found) {
        accepted = step;
        found = true;
      }
    }
    return found ? OptionalLong.of(accepted) : OptionalLong.empty();
  }

  /** The time step of an instant: whole periods since the Unix epoch. */
  public static long timeStep(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), TIME_STEP.getSeconds());
  }

  private static boolean isWellFormed(String code) {
    if (code == null || code.length() != DIGITS) {
      return false;
    }
    for (int i = 0; i < DIGITS; i++) {
      char ch = code.charAt(i);
      // ASCII only: Character.isDigit would also let Arabic-Indic and other digits through.
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return true;
  }

  private static void requireSecret(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length == 0) {
      throw new IllegalArgumentException("TOTP secret is empty");
    }
  }
}
