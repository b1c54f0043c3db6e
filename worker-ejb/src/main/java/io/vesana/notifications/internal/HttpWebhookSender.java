package io.vesana.notifications.internal;

import io.vesana.notifications.WebhookTestResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs a JSON document to a webhook URL, signed when the channel has a signing key: header {@code
 * X-Vesana-Signature: sha256=<hex HMAC-SHA256 of the body>}. No redirects are followed (a redirect
 * could carry the request somewhere the operator did not configure); short timeouts. Thread-safe.
 */
public final class HttpWebhookSender {

  static final String SIGNATURE_HEADER = "X-Vesana-Signature";

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  public WebhookTestResult post(String url, String body, String signingKey, String event) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("User-Agent", "Vesana")
            .header("X-Vesana-Event", event)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (signingKey != null) {
      r.header(SIGNATURE_HEADER, "sha256=" + hmac(signingKey, body));
    }
    try {
      HttpResponse<Void> res = http.send(r.build(), HttpResponse.BodyHandlers.discarding());
      boolean ok = res.statusCode() >= 200 && res.statusCode() < 300;
      return new WebhookTestResult(
          ok, res.statusCode(), ok ? null : "the receiver answered HTTP " + res.statusCode());
    } catch (IOException e) {
      return new WebhookTestResult(false, 0, "not delivered: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new WebhookTestResult(false, 0, "interrupted");
    }
  }

  static String hmac(String key, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
