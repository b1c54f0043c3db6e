package io.vesana.notifications;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A real HTTP server on loopback (the JDK's, which forbiddenapis lists as non-portable; a test peer
 * only) standing in for a webhook receiver: records every POST and answers the scripted statuses in
 * turn (204 once the script is used up), optionally after a delay.
 */
@SuppressForbidden
final class WebhookPeer implements AutoCloseable {

  record Received(String path, String body, String signature, String event) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Integer> script = new LinkedBlockingQueue<>();
  private volatile Duration delay = Duration.ZERO;

  WebhookPeer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              new Received(
                  ex.getRequestURI().getPath(),
                  body,
                  ex.getRequestHeaders().getFirst("X-Vesana-Signature"),
                  ex.getRequestHeaders().getFirst("X-Vesana-Event")));
          try {
            Thread.sleep(delay.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          Integer status = script.poll();
          ex.sendResponseHeaders(status == null ? 204 : status, -1);
          ex.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void answer(Integer... statuses) {
    script.addAll(List.of(statuses));
  }

  void delay(Duration d) {
    delay = d;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
