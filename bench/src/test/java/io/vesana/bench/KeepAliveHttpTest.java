package io.vesana.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The load generator's client against the JDK's HTTP server on loopback (a real HTTP peer). */
@SuppressForbidden // com.sun.net.httpserver: the JDK's own HTTP server, as the test peer
class KeepAliveHttpTest {

  @Test
  void readsStatusesOfEmptyFixedAndChunkedAnswersOverOneConnection() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    List<String> bodies = new CopyOnWriteArrayList<>();
    List<String> tokens = new CopyOnWriteArrayList<>();
    server.createContext(
        "/ingest/v1/results",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          bodies.add(body);
          tokens.add(exchange.getRequestHeaders().getFirst("X-Agent-Token"));
          byte[] answer = "{\"title\":\"bad\"}".getBytes(StandardCharsets.UTF_8);
          switch (body) {
            case "accept" -> exchange.sendResponseHeaders(202, -1);
            case "refuse" -> {
              exchange.sendResponseHeaders(400, answer.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
              }
            }
            default -> {
              exchange.sendResponseHeaders(503, 0); // chunked
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
              }
            }
          }
          exchange.close();
        });
    server.start();
    try (KeepAliveHttp client =
        new KeepAliveHttp(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ingest"), 10_000)) {
      for (int round = 0; round < 3; round++) {
        assertThat(client.post("/ingest/v1/results", "X-Agent-Token: t1\r\n", bytes("accept")))
            .isEqualTo(202);
        assertThat(client.post("/ingest/v1/results", "X-Agent-Token: t2\r\n", bytes("refuse")))
            .isEqualTo(400);
        assertThat(client.post("/ingest/v1/results", "X-Agent-Token: t3\r\n", bytes("full")))
            .isEqualTo(503);
      }
    } finally {
      server.stop(0);
    }
    assertThat(bodies).hasSize(9).startsWith("accept", "refuse", "full");
    assertThat(tokens).startsWith("t1", "t2", "t3");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
