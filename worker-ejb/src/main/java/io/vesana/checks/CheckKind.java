package io.vesana.checks;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** How a check runs, as stored in the {@code kind} columns (migration V2). */
public enum CheckKind {
  AGENT(Runner.AGENT, Set.of()),
  NAGIOS_PLUGIN(Runner.AGENT, Set.of()),
  SNMP(Runner.COLLECTOR, Set.of("snmp_community", "snmp_usm")),
  PING(Runner.COLLECTOR, Set.of()),
  TCP(Runner.COLLECTOR, Set.of()),
  DNS(Runner.COLLECTOR, Set.of()),
  SSH(Runner.COLLECTOR, Set.of("ssh_password", "ssh_key")),
  HTTP(Runner.COLLECTOR, Set.of("http_basic", "http_bearer")),
  NSCA(Runner.NOBODY, Set.of()),
  PASSIVE(Runner.NOBODY, Set.of());

  /** Who runs checks of a kind: the host's agent, its collector, or nobody (results are sent). */
  public enum Runner {
    AGENT,
    COLLECTOR,
    NOBODY
  }

  private final Runner runner;
  private final Set<String> credentialKinds;

  CheckKind(Runner runner, Set<String> credentialKinds) {
    this.runner = runner;
    this.credentialKinds = credentialKinds;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Runner runner() {
    return runner;
  }

  /** Whether a stored credential of {@code credentialKind} can serve a check of this kind. */
  public boolean accepts(String credentialKind) {
    return credentialKinds.contains(credentialKind);
  }

  public static Optional<CheckKind> byCode(String code) {
    for (CheckKind k : values()) {
      if (k.code().equals(code)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
