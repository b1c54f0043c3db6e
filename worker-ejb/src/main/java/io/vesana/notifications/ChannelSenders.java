package io.vesana.notifications;

import io.vesana.notifications.internal.ChatChannelSender;
import io.vesana.notifications.internal.WebhookChannelSender;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The factory of channel senders: one {@link ChannelSender} per kind that can be delivered. SMTP,
 * Telegram, PagerDuty and FCM have none yet; their deliveries fail permanently with a message
 * saying so. Immutable and thread-safe.
 */
public final class ChannelSenders {

  private final Map<ChannelKind, ChannelSender> byKind = new EnumMap<>(ChannelKind.class);

  public ChannelSenders(List<ChannelSender> senders) {
    senders.forEach(s -> byKind.put(s.kind(), s));
  }

  /** Webhook, Slack and Teams over HTTP with {@code timeout} for connect and answer. */
  public static ChannelSenders standard(Duration timeout) {
    return new ChannelSenders(
        List.of(
            new WebhookChannelSender(timeout),
            new ChatChannelSender(ChannelKind.SLACK, timeout),
            new ChatChannelSender(ChannelKind.TEAMS, timeout)));
  }

  public Optional<ChannelSender> forKind(ChannelKind kind) {
    return Optional.ofNullable(byKind.get(kind));
  }
}
