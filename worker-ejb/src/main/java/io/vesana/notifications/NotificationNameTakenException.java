package io.vesana.notifications;

/** Channel and rule names are unique per tenant (case-insensitive). */
public class NotificationNameTakenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotificationNameTakenException(String what, String name) {
    super("a " + what + " named '" + name + "' already exists");
  }
}
