package io.vesana.launcher.components;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * Asks a MicroProfile Health readiness endpoint whether the server is ready. MicroProfile Health
 * answers 200 only when every readiness check of every application in the JVM is UP, and 503
 * otherwise, so the status code alone is the answer.
 *
 * <p>A new connection per probe ({@code Connection: close}), with socket-level connect and read
 * timeouts. The JDK's {@code HttpClient} did not do here: with its defaults a {@code send} to a
 * Payara that was still starting blocked past the request timeout, and with a shared HTTP/1.1
 * client and its own deadline it still saw a worker that answered UP to curl as not ready for
 * minutes (its pooled connections outlived the cancelled requests). {@code vesana start} then gave
 * up after 180 s.
 */
public final class ReadinessProbe {
  private static final int TIMEOUT_MS = 2_000;

  private final URI uri;

  public ReadinessProbe(URI uri) {
    this.uri = uri;
  }

  public URI uri() {
    return uri;
  }

  /** True when the endpoint answers 200; false when it answers otherwise or not at all. */
  public boolean isReady() {
    HttpURLConnection c = null;
    try {
      c = (HttpURLConnection) uri.toURL().openConnection();
      c.setConnectTimeout(TIMEOUT_MS);
      c.setReadTimeout(TIMEOUT_MS);
      c.setUseCaches(false);
      c.setRequestProperty("Connection", "close");
      int status = c.getResponseCode();
      InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
      if (body != null) {
        body.close();
      }
      return status == 200;
    } catch (IOException | RuntimeException e) {
      return false;
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
  }
}
