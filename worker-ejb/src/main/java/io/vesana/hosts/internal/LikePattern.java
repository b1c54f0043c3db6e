package io.vesana.hosts.internal;

import java.util.Locale;

/** A case-insensitive "contains" LIKE pattern with the wildcards of the input escaped. */
final class LikePattern {

  private LikePattern() {}

  /** Null when there is nothing to filter by. */
  static String containing(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return "%"
        + text.strip()
            .toLowerCase(Locale.ROOT)
            .replace("\\", "\\\\")
            .replace("%", "\\%")
            .replace("_", "\\_")
        + "%";
  }
}
