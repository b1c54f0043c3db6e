package io.vesana.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

/** Refuses to start when a port Vesana would listen on is taken, before anything is started. */
final class PortAvailability {
  private PortAvailability() {}

  static void requireFree(Map<String, Integer> ports) throws UsageException {
    for (var entry : ports.entrySet()) {
      if (!isFree(entry.getValue())) {
        throw new UsageException(
            "port "
                + entry.getValue()
                + " ("
                + entry.getKey()
                + ") is already in use; stop what listens there or set "
                + entry.getKey()
                + " to another port");
      }
    }
  }

  /** Binds the wildcard address like Payara does; SO_REUSEADDR tolerates TIME_WAIT leftovers. */
  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
