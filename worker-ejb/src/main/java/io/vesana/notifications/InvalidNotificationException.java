package io.vesana.notifications;

/**
 * A channel or rule field is not acceptable.
 *
 * @param pointer JSON pointer of the field in the request body, e.g. {@code /settings/url}
 */
public class InvalidNotificationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String pointer;

  public InvalidNotificationException(String pointer, String detail) {
    super(detail);
    this.pointer = pointer;
  }

  public String pointer() {
    return pointer;
  }
}
