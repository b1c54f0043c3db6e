package io.vesana.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on the loopback interface that records what webhook channels POST to it and
 * answers 204. Uses the JDK's own server (module jdk.httpserver), which forbiddenapis lists as
 * non-portable; it is part of every JDK this project builds with, and a test peer only.
 */
@SuppressForbidden
final class LocalWebhookReceiver implements AutoCloseable {

  /** One received request: its body and its signature header (null if none). */
  record Received(String body, String signature) {}

  private final HttpServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  LocalWebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hook",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(new Received(body, ex.getRequestHeaders().getFirst("X-Vesana-Signature")));
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  Received next(Duration wait) throws InterruptedException {
    return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
