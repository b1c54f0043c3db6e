package io.vesana.notifications;

/**
 * The last look before sending: whether a due delivery still makes sense. Problem notifications are
 * dropped once the alert is resolved or acknowledged; escalations and repeats also when their rule
 * is gone or disabled, and while the alert is in downtime; a recovery when no problem notification
 * reached the channel. Pure; the answer is the reason stored as the cancelled delivery's error.
 */
final class DeliveryGate {

  private DeliveryGate() {}

  /**
   * Why {@code reason} must not be sent, or null to send it.
   *
   * @param rule null when the rule was deleted
   * @param downtimeId the downtime covering the alert now, or null
   */
  static String whyNot(
      DeliveryReason reason,
      AlertFacts alert,
      ChannelView channel,
      RuleView rule,
      boolean problemSent,
      Long downtimeId) {
    if (!channel.enabled()) {
      return "the channel is disabled";
    }
    if (reason == DeliveryReason.RECOVERY) {
      return problemSent ? null : "the problem was never announced on this channel";
    }
    if (!alert.open()) {
      return "the alert was resolved before this was sent";
    }
    if (alert.acknowledged()) {
      return "the alert was acknowledged before this was sent";
    }
    if (reason == DeliveryReason.PROBLEM) {
      return null;
    }
    if (rule == null || !rule.enabled()) {
      return "the rule was deleted or disabled";
    }
    if (reason == DeliveryReason.REPEAT && rule.repeatIntervalS() == null) {
      return "the rule no longer repeats";
    }
    if (downtimeId != null) {
      return "the alert is in downtime " + downtimeId;
    }
    return null;
  }
}
