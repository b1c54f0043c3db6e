package io.vesana.notifications;

import java.util.Locale;

/**
 * Why a delivery exists (the schema's {@code reason} values this code produces). The problem kinds
 * announce an open alert and are cancelled once it is resolved or acknowledged; a recovery follows
 * only a problem that reached the channel.
 */
public enum DeliveryReason {
  /** The alert opened or changed state; rule without escalation delay. */
  PROBLEM,
  /** As PROBLEM, for a rule with {@code escalation_delay_s}: due that long after opening. */
  ESCALATION,
  /** {@code repeat_interval_s} after the previous problem notification on the channel. */
  REPEAT,
  RECOVERY;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeliveryReason of(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  public boolean announcesProblem() {
    return this != RECOVERY;
  }
}
