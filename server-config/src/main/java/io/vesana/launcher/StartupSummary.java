package io.vesana.launcher;

import io.vesana.launcher.backing.BackingServices;
import io.vesana.launcher.components.Component;
import io.vesana.launcher.components.ResidentMemory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The lines printed once everything is ready. Pure formatting; the caller prints. */
final class StartupSummary {
  private StartupSummary() {}

  static List<String> lines(
      LaunchSettings settings,
      Duration startToReady,
      List<Component> components,
      BackingServices backing,
      Optional<String> firstAdminPassword) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "Vesana is ready in %.1f s (topology %s, data in %s)",
            startToReady.toMillis() / 1000.0,
            settings.topology().name().toLowerCase(Locale.ROOT),
            settings.home()));
    for (Component component : components) {
      lines.add(String.format(Locale.ROOT, "  %-9s %s", component.name(), memory(component)));
      for (String detail : component.describe()) {
        lines.add("            " + detail);
      }
    }
    lines.add("  database  " + backing.database().describe());
    lines.add("  redis     " + backing.redis().describe());
    firstAdminPassword.ifPresent(
        password -> {
          lines.add("");
          lines.add(
              "First super admin (shown only this once; the password file has been deleted):");
          lines.add("  e-mail    " + settings.adminEmail());
          lines.add("  password  " + password);
        });
    lines.add("");
    lines.add("Logs in " + settings.home().resolve("logs") + ". Press Ctrl-C to stop.");
    return lines;
  }

  static String memory(Component component) {
    return component
        .process()
        .map(
            handle ->
                "pid "
                    + handle.pid()
                    + ", RSS "
                    + ResidentMemory.kibibytes(handle.pid())
                        .map(kib -> (kib / 1024) + " MiB")
                        .orElse("unknown"))
        .orElse("not running");
  }
}
