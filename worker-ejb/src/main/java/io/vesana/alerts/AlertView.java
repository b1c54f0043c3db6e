package io.vesana.alerts;

import java.time.Instant;

/** An alert as listed ({@code serviceId} null for a host alert). */
public record AlertView(
    long id,
    long tenantId,
    long hostId,
    String hostName,
    Long serviceId,
    String serviceName,
    String severity,
    String summary,
    Instant openedAt,
    Instant resolvedAt,
    boolean acknowledged) {}
