package io.vesana.heartbeats;

/**
 * The two kinds of edge component, with what their silence affects. An agent runs the checks of
 * kind agent and nagios_plugin on its own host; a collector runs the remote checks (snmp, ping,
 * tcp, dns, ssh, http) of the hosts assigned to it. Passive results (nsca, passive) arrive by other
 * ways and are not touched.
 */
public enum EdgeKind {
  AGENT(
      "agents",
      "token_id",
      "SELECT a.host_id FROM agents a WHERE a.tenant_id = ? AND a.id = ? AND a.host_id IS NOT NULL",
      "'agent', 'nagios_plugin'"),
  COLLECTOR(
      "collectors",
      "api_key_id",
      "SELECT h.id FROM hosts h WHERE h.tenant_id = ? AND h.collector_id = ?",
      "'snmp', 'ping', 'tcp', 'dns', 'ssh', 'http'");

  final String table;
  final String credentialColumn;
  final String hostsSql;
  final String serviceKinds;

  EdgeKind(String table, String credentialColumn, String hostsSql, String serviceKinds) {
    this.table = table;
    this.credentialColumn = credentialColumn;
    this.hostsSql = hostsSql;
    this.serviceKinds = serviceKinds;
  }

  /** The label used in outputs and alert events ("agent", "collector"). */
  public String label() {
    return this == AGENT ? "agent" : "collector";
  }
}
