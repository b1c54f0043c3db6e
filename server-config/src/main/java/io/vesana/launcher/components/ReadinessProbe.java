package io.vesana.launcher.components;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks a MicroProfile Health readiness endpoint whether the server is ready. MicroProfile Health
 * answers 200 only when every readiness check of every application in the JVM is UP, and 503
 * otherwise, so the status code alone is the answer.
 *
 * <p>HTTP/1.1 only, and the probe waits on its own clock: with the client's default (HTTP/2, which
 * upgrades a plain connection with {@code Upgrade: h2c}) a {@code send} to a Payara that was still
 * starting blocked for good, past the request timeout (seen in this launcher: the start gave up
 * after 180 s with every instance answering UP to curl).
 */
public final class ReadinessProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();

  private final URI uri;

  public ReadinessProbe(URI uri) {
    this.uri = uri;
  }

  public URI uri() {
    return uri;
  }

  /** True when the endpoint answers 200; false when it answers otherwise or not at all. */
  public boolean isReady() {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
    CompletableFuture<HttpResponse<Void>> answer =
        CLIENT.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      return answer.get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS).statusCode() == 200;
    } catch (ExecutionException | TimeoutException e) {
      answer.cancel(true);
      return false;
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
