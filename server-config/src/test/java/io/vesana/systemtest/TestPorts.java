package io.vesana.systemtest;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports for the system tests' own servers. */
final class TestPorts {

  private TestPorts() {}

  /**
   * A free port below Linux's ephemeral range (32768+): a port the kernel hands out at random could
   * be taken by another process's outgoing connection between this check and Payara's bind (seen
   * once in CI: an instance's HTTP listener failed to start and it never became ready).
   */
  static int free() throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
      try (ServerSocket s = new ServerSocket(port)) {
        return s.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port found in 20000-31999");
  }
}
