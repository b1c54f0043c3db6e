package io.vesana.notifications;

import java.sql.SQLException;

/** Database refusals of channel and rule writes, as the domain's exceptions. */
final class NotificationFailures {

  private NotificationFailures() {}

  static RuntimeException translate(SQLException e, String what, String name) {
    String state = e.getSQLState();
    if ("23505".equals(state)) {
      return new NotificationNameTakenException(what, name);
    }
    if ("23503".equals(state)) {
      return new InvalidNotificationException(
          "/channel_id", "channel_id does not name a channel of this tenant");
    }
    if ("23514".equals(state)) {
      return new InvalidNotificationException(
          "/settings", "settings must not hold secrets; send them in the secret field");
    }
    return new IllegalStateException(what + " not written", e);
  }
}
