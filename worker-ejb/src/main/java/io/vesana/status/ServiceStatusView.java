package io.vesana.status;

import java.time.Instant;

/**
 * A service with its current state ({@code state} 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN; {@code
 * pending} until its first result). {@code perfdataJson} is the normalised perfdata as stored.
 */
public record ServiceStatusView(
    long serviceId,
    long tenantId,
    long hostId,
    String hostName,
    String name,
    boolean pending,
    int state,
    String stateType,
    int attempt,
    Instant lastCheckAt,
    Instant lastChangeAt,
    String output,
    String perfdataJson,
    boolean acknowledged,
    boolean inDowntime) {}
