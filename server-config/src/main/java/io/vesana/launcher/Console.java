package io.vesana.launcher;

import java.io.PrintStream;

/**
 * The launcher's voice on the terminal. Everything the person starting Vesana should read goes
 * through here; diagnostics of libraries go to java.util.logging.
 */
@SuppressForbidden(reason = "the launcher is a command-line program whose output is its interface")
public final class Console {
  private Console() {}

  public static void say(String line) {
    print(System.out, line);
  }

  public static void complain(String line) {
    print(System.err, line);
  }

  private static void print(PrintStream stream, String line) {
    synchronized (Console.class) {
      stream.println(line);
      stream.flush();
    }
  }
}
