package io.vesana.notifications.internal;

import io.vesana.notifications.ChannelKind;
import io.vesana.notifications.ChannelSender;
import io.vesana.notifications.OutgoingNotification;
import io.vesana.notifications.SendOutcome;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.Map;

/**
 * Slack and Microsoft Teams incoming webhooks: the secret is the webhook URL, the body a JSON
 * object with the headline as {@code text} (both accept that shape; Slack also takes the optional
 * {@code channel} setting). The URL never appears in an error.
 */
public final class ChatChannelSender implements ChannelSender {

  private final ChannelKind kind;
  private final HttpJsonPoster poster;

  public ChatChannelSender(ChannelKind kind, Duration timeout) {
    if (kind != ChannelKind.SLACK && kind != ChannelKind.TEAMS) {
      throw new IllegalArgumentException("not a chat webhook kind: " + kind);
    }
    this.kind = kind;
    this.poster = new HttpJsonPoster(timeout);
  }

  @Override
  public ChannelKind kind() {
    return kind;
  }

  @Override
  public SendOutcome send(OutgoingNotification n, String secret) {
    if (secret == null) {
      return SendOutcome.permanent("the channel has no incoming webhook URL");
    }
    JsonObjectBuilder body = Json.createObjectBuilder().add("text", n.headline());
    String channel = n.channel().settings().getString("channel", null);
    if (kind == ChannelKind.SLACK && channel != null) {
      body.add("channel", channel);
    }
    if (kind == ChannelKind.TEAMS) {
      body.add("title", "Vesana alert " + n.alert().id());
    }
    return poster.post(secret, body.build().toString(), Map.of());
  }
}
