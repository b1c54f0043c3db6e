package io.vesana.launcher.backing;

/** Where the instances find PostgreSQL, as the VESANA_DB_* variables they are given. */
public record DatabaseEndpoint(String jdbcUrl, String user, String password, boolean embedded) {

  /** For the terminal and logs: never includes the password. */
  public String describe() {
    return jdbcUrl + " as " + user + (embedded ? " (embedded)" : "");
  }
}
