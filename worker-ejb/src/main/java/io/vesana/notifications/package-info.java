/**
 * Notification channels (where an alert can be announced: SMTP, webhook, Slack, Teams, Telegram,
 * PagerDuty, FCM; settings validated per kind by {@link io.vesana.notifications.ChannelKind}, the
 * credential field-encrypted and never shown again), rules (which alerts go to which channel) and
 * delivery: {@link io.vesana.notifications.AlertNotifications} turns each committed alert
 * transition into queued deliveries ({@link io.vesana.notifications.NotificationDispatch}, rules
 * matched, downtime and acknowledgement respected, idempotent), {@link
 * io.vesana.notifications.DeliveryTimer} sends them through the kind's {@link
 * io.vesana.notifications.ChannelSender} (webhook, Slack, Teams so far) with temporary failures
 * retried and permanent ones given up, every attempt recorded; {@link
 * io.vesana.notifications.DeliveryLog} reads them back.
 */
package io.vesana.notifications;
