package io.vesana.launcher.components;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The probe against a bare loopback socket that answers, refuses, or never answers. */
class ReadinessProbeTest {

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void answersTrueOnlyFor200() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread t = serve(server, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 1);
      assertTrue(probe(server).isReady());
      t.join();
    }
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread t = serve(server, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n", 1);
      assertFalse(probe(server).isReady());
      t.join();
    }
  }

  /** A server that takes the request and says nothing: the probe gives up instead of blocking. */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void silentServerIsNotReadyAndDoesNotBlock() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread t = serve(server, null, 1);
      assertFalse(probe(server).isReady());
      server.close();
      t.join();
    }
  }

  private static ReadinessProbe probe(ServerSocket server) {
    return new ReadinessProbe(
        URI.create("http://127.0.0.1:" + server.getLocalPort() + "/health/ready"));
  }

  /** Accepts {@code connections}, reads the request head, answers {@code response} if not null. */
  private static Thread serve(ServerSocket server, String response, int connections) {
    Thread t =
        new Thread(
            () -> {
              for (int i = 0; i < connections; i++) {
                try (Socket s = server.accept()) {
                  readHead(s.getInputStream());
                  if (response == null) {
                    s.setSoTimeout(10_000);
                    s.getInputStream().read(); // until the probe hangs up
                    continue;
                  }
                  OutputStream out = s.getOutputStream();
                  out.write(response.getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "probe-peer");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4 && (b = in.read()) != -1) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }
}
