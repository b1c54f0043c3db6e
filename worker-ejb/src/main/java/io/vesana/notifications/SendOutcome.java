package io.vesana.notifications;

/**
 * The result of one send attempt, typed as Graylog does: a temporary failure (timeout, refused
 * connection, HTTP 5xx, 408, 429) is retried with back-off, a permanent one (other 4xx, a redirect,
 * a channel that cannot work as configured) is not.
 *
 * @param httpStatus 0 when no HTTP answer was received
 * @param error a short reason for an operator; never contains the secret or a secret URL
 */
public record SendOutcome(Result result, int httpStatus, String error) {

  public enum Result {
    SENT,
    TEMPORARY,
    PERMANENT
  }

  /** Classifies an HTTP answer. */
  public static SendOutcome ofHttp(int status) {
    if (status >= 200 && status < 300) {
      return new SendOutcome(Result.SENT, status, null);
    }
    boolean retry = status >= 500 || status == 408 || status == 429;
    String why =
        status >= 300 && status < 400
            ? "the receiver answered HTTP " + status + " (redirects are not followed)"
            : "the receiver answered HTTP " + status;
    return new SendOutcome(retry ? Result.TEMPORARY : Result.PERMANENT, status, why);
  }

  public static SendOutcome temporary(String error) {
    return new SendOutcome(Result.TEMPORARY, 0, error);
  }

  public static SendOutcome permanent(String error) {
    return new SendOutcome(Result.PERMANENT, 0, error);
  }
}
