package io.vesana.auth.twofactor.internal;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOTP codes (RFC 6238, HMAC-SHA1) from java-otp, the only class that calls the library. Speaks in
 * raw key bytes, time-step numbers and zero-padded strings, so nothing of the library leaks out.
 * Thread-safe: the library's generator synchronizes internally, which is cheap next to a login.
 */
public final class OtpCodes {

  private final TimeBasedOneTimePasswordGenerator generator;
  private final long stepSeconds;

  /**
   * @param step the TOTP period, 30 seconds for every common authenticator app
   * @param digits 6 to 8
   */
  public OtpCodes(Duration step, int digits) {
    this.generator =
        new TimeBasedOneTimePasswordGenerator(
            step, digits, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
    this.stepSeconds = step.getSeconds();
  }

  /** The code of time step {@code step} (seconds since the epoch divided by the period). */
  public String code(byte[] secret, long step) {
    // The library derives the counter from an instant; the start of the step maps back exactly.
    Instant stepStart = Instant.ofEpochSecond(Math.multiplyExact(step, stepSeconds));
    int value;
    try {
      value = generator.generateOneTimePassword(key(secret), stepStart);
    } catch (InvalidKeyException e) {
      // Never the key itself in the message: it is the user's second factor.
      throw new IllegalArgumentException("TOTP secret rejected by HMAC", e);
    }
    return zeroPadded(value, generator.getPasswordLength());
  }

  private SecretKeySpec key(byte[] secret) {
    return new SecretKeySpec(secret, generator.getAlgorithm());
  }

  // The library's own formatting uses String.format with a locale; digits need none.
  private static String zeroPadded(int value, int digits) {
    StringBuilder s = new StringBuilder(digits).append(value);
    while (s.length() < digits) {
      s.insert(0, '0');
    }
    return s.toString();
  }
}
