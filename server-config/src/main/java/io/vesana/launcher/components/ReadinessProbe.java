package io.vesana.launcher.components;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a MicroProfile Health readiness endpoint whether the server is ready. MicroProfile Health
 * answers 200 only when every readiness check of every application in the JVM is UP, and 503
 * otherwise, so the status code alone is the answer.
 */
public final class ReadinessProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

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
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
