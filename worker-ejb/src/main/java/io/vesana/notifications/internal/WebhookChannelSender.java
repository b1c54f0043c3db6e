package io.vesana.notifications.internal;

import io.vesana.notifications.ChannelKind;
import io.vesana.notifications.ChannelSender;
import io.vesana.notifications.OutgoingNotification;
import io.vesana.notifications.SendOutcome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Webhook channels: the {@link AlertMessages#webhook} document POSTed to the configured URL with
 * {@code X-Vesana-Event: alert.<reason>} and, when the channel has a signing key, {@code
 * X-Vesana-Signature: sha256=<hex HMAC-SHA256 of the body>} (as the test send).
 */
public final class WebhookChannelSender implements ChannelSender {

  private final HttpJsonPoster poster;

  public WebhookChannelSender(Duration timeout) {
    this.poster = new HttpJsonPoster(timeout);
  }

  @Override
  public ChannelKind kind() {
    return ChannelKind.WEBHOOK;
  }

  @Override
  public SendOutcome send(OutgoingNotification n, String secret) {
    String body = AlertMessages.webhook(n).toString();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Vesana-Event", "alert." + n.reason().code());
    headers.put("X-Vesana-Delivery", Long.toString(n.deliveryId()));
    if (secret != null) {
      headers.put(
          HttpWebhookSender.SIGNATURE_HEADER, "sha256=" + HttpWebhookSender.hmac(secret, body));
    }
    String url = n.channel().settings().getString("url", null);
    return poster.post(url, body, headers);
  }
}
