package io.vesana.notifications.internal;

import io.vesana.notifications.SendOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * POSTs JSON for the HTTP channel kinds and types the result ({@link SendOutcome#ofHttp}). No
 * redirects (a redirect could carry the message somewhere the operator did not configure); connect
 * and answer timeouts. Error texts name the failure class only: for Slack and Teams the URL is the
 * secret. Thread-safe.
 */
final class HttpJsonPoster {

  private final HttpClient http;
  private final Duration timeout;

  HttpJsonPoster(Duration timeout) {
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  SendOutcome post(String url, String body, Map<String, String> headers) {
    URI uri = httpUri(url);
    if (uri == null) {
      return SendOutcome.permanent("the channel's URL is not an http or https URL");
    }
    HttpRequest.Builder r =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Vesana")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(r::header);
    try {
      HttpResponse<Void> res = http.send(r.build(), HttpResponse.BodyHandlers.discarding());
      return SendOutcome.ofHttp(res.statusCode());
    } catch (HttpTimeoutException e) {
      return SendOutcome.temporary("no answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return SendOutcome.temporary("not delivered: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SendOutcome.temporary("interrupted");
    }
  }

  private static URI httpUri(String url) {
    if (url == null) {
      return null;
    }
    try {
      URI u = new URI(url.strip());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null ? u : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
