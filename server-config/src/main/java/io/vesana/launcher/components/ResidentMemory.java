package io.vesana.launcher.components;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A process's resident set size as the Linux kernel reports it in /proc/PID/status. */
public final class ResidentMemory {
  private ResidentMemory() {}

  /** VmRSS in kibibytes; empty when the process is gone or this is not Linux. */
  public static Optional<Long> kibibytes(long pid) {
    try {
      return parse(
          Files.readAllLines(
              Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static Optional<Long> parse(List<String> statusLines) {
    for (String line : statusLines) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
        try {
          return Optional.of(Long.parseLong(parts[0]));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
