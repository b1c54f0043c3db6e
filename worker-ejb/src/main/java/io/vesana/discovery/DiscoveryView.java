package io.vesana.discovery;

import jakarta.json.JsonObject;
import java.time.Instant;

/** A scan, requested or uploaded, as the outside sees it. */
public record DiscoveryView(
    long id,
    long tenantId,
    long collectorId,
    String cidr,
    JsonObject options,
    String status,
    Long requestedByUserId,
    Instant startedAt,
    Instant finishedAt,
    String error,
    long hostCount,
    Instant createdAt,
    long version) {}
