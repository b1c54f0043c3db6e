package io.vesana.edge;

import java.time.Instant;

/**
 * A collector or agent as listed: never its key or token.
 *
 * @param name the collector's name, or the agent's reported hostname
 * @param hostId the agent's host; null for collectors
 * @param credentialId the collector's API key or the agent's token
 */
public record EdgeComponentView(
    long id,
    long tenantId,
    EdgeIdentity.Kind kind,
    String name,
    String description,
    Long hostId,
    Long credentialId,
    String status,
    String softwareVersion,
    String os,
    String arch,
    Instant lastSeenAt,
    String lastAddress,
    Instant createdAt) {}
