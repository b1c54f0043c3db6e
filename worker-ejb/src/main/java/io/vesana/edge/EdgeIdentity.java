package io.vesana.edge;

/**
 * An authenticated agent or collector.
 *
 * @param credentialId the agent token or API key it presented
 * @param componentId the agents / collectors row; null for an agent token not enrolled yet
 * @param hostId the agent's host; null for collectors and agents not bound to a host
 */
public record EdgeIdentity(
    Kind kind, long tenantId, long credentialId, Long componentId, Long hostId) {

  public enum Kind {
    AGENT,
    COLLECTOR
  }
}
