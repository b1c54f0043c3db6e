package io.vesana.secrets;

import java.util.Map;

/** Arguments of {@link ReEncryptCommand}, with the {@code VESANA_DB_*} variables as defaults. */
record ReEncryptOptions(String url, String user, String password, int batchSize, boolean help) {

  static ReEncryptOptions parse(String[] args, Map<String, String> env) {
    String url = env.get("VESANA_DB_URL");
    String user = env.get("VESANA_DB_USER");
    String password = env.getOrDefault("VESANA_DB_PASSWORD", "");
    int batchSize = ReEncryption.DEFAULT_BATCH_SIZE;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new ReEncryptOptions(url, user, password, batchSize, true);
      }
      String name = arg;
      String value;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(arg + " needs a value");
      }
      switch (name) {
        case "--db-url" -> url = value;
        case "--db-user" -> user = value;
        case "--db-password" -> password = value;
        case "--batch-size" -> batchSize = positive(value);
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("no database: pass --db-url or set VESANA_DB_URL");
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("--db-url must be a jdbc:postgresql: URL");
    }
    return new ReEncryptOptions(url, user, password, batchSize, false);
  }

  /** The URL without its query string, which may carry a password. */
  String redactedUrl() {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }

  /** {@code message} with the URL redacted and the password removed, should a driver echo them. */
  String redact(String message) {
    if (message == null) {
      return "(no message)";
    }
    String out = message.replace(url, redactedUrl());
    // Replacing a very short password would mangle ordinary words of the message.
    return password == null || password.length() < 4 ? out : out.replace(password, "***");
  }

  @Override
  public String toString() {
    return "ReEncryptOptions[url="
        + redactedUrl()
        + ", user="
        + user
        + ", batchSize="
        + batchSize
        + "]";
  }

  private static int positive(String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--batch-size must be a positive integer");
  }
}
