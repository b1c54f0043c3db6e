package io.vesana.auth.twofactor;

import io.vesana.auth.Login;
import io.vesana.auth.twofactor.internal.JdbcRecoveryCodes;
import io.vesana.secrets.FieldCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * The second factor at login: a 6-digit TOTP code (each time step usable once, see {@link Totp}),
 * or else one of the user's recovery codes (each usable once). The TOTP secret is stored encrypted
 * ({@link FieldCipher}, context {@value #CONTEXT}) as the Base64 of its raw bytes.
 */
@ApplicationScoped
public class TotpSecondFactor implements Login.SecondFactor {

  public static final String CONTEXT = "users.totp_secret_ciphertext";

  @Inject FieldCipher cipher;

  private final Totp totp = new Totp();
  private final JdbcRecoveryCodes recoveryCodes = new JdbcRecoveryCodes();
  private Clock clock = Clock.systemUTC();

  public TotpSecondFactor() {}

  /** For tests outside a container. */
  public TotpSecondFactor(FieldCipher cipher, Clock clock) {
    this.cipher = cipher;
    this.clock = clock;
  }

  /** The ciphertext to store in users.totp_secret_ciphertext for {@code secret}. */
  public byte[] seal(byte[] secret) {
    return cipher.encrypt(Base64.getEncoder().encodeToString(secret), CONTEXT);
  }

  @Override
  public boolean verify(Connection c, long userId, byte[] secretCiphertext, String code)
      throws SQLException {
    String typed = code.strip();
    if (isTotpShaped(typed)) {
      return verifyTotp(c, userId, secretCiphertext, typed);
    }
    return recoveryCodes.consume(c, userId, typed);
  }

  /**
   * A TOTP code only (no recovery code), with the same replay guard as at login: true if {@code
   * code} is valid now and of a later time step than any the user has used, which is now recorded.
   * Enrolment confirms with this, before any recovery code exists.
   */
  public boolean verifyTotp(Connection c, long userId, byte[] secretCiphertext, String code)
      throws SQLException {
    String typed = code == null ? "" : code.strip();
    if (secretCiphertext == null || !isTotpShaped(typed)) {
      return false;
    }
    byte[] secret = Base64.getDecoder().decode(cipher.decrypt(secretCiphertext, CONTEXT));
    try {
      OptionalLong step = totp.acceptedStep(secret, typed, clock.instant(), lastStep(c, userId));
      return step.isPresent() && recordStep(c, userId, step.getAsLong());
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  private static boolean isTotpShaped(String typed) {
    return typed.length() == Totp.DIGITS && typed.chars().allMatch(ch -> ch >= '0' && ch <= '9');
  }

  private static long lastStep(Connection c, long userId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT totp_last_step FROM users WHERE id = ?")) {
      ps.setLong(1, userId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Totp.NO_STEP_USED;
        }
        long step = rs.getLong(1);
        return rs.wasNull() ? Totp.NO_STEP_USED : step;
      }
    }
  }

  /** Compare-and-set: of two logins racing with the same code, one wins. */
  private static boolean recordStep(Connection c, long userId, long step) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE users SET totp_last_step = ?"
                + " WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)")) {
      ps.setLong(1, step);
      ps.setLong(2, userId);
      ps.setLong(3, step);
      return ps.executeUpdate() == 1;
    }
  }
}
