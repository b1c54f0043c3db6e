package io.vesana.notifications;

/**
 * What a test notification did.
 *
 * @param status the HTTP status the receiver answered, 0 if none
 * @param error why it was not delivered (never a secret), null when delivered
 */
public record WebhookTestResult(boolean delivered, int status, String error) {}
