/**
 * Notification channels (where an alert can be announced: SMTP, webhook, Slack, Teams, Telegram,
 * PagerDuty, FCM; settings validated per kind by {@link io.vesana.notifications.ChannelKind}, the
 * credential field-encrypted and never shown again) and rules (which alerts go to which channel).
 * Dispatch of deliveries comes later; {@link io.vesana.notifications.NotificationChannels#test}
 * sends a test message through a webhook channel.
 */
package io.vesana.notifications;
