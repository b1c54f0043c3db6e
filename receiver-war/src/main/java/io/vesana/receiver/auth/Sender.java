package io.vesana.receiver.auth;

/** An authenticated sender: its tenant, what it is, and the id of the credential it used. */
public record Sender(long tenantId, Kind kind, long credentialId) {

  /** What the credential may do; {@code AUTOMATION} API keys are for the REST API, not ingest. */
  public enum Kind {
    AGENT,
    COLLECTOR,
    AUTOMATION
  }
}
