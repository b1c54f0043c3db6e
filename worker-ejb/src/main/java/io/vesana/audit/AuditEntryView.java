package io.vesana.audit;

import java.time.Instant;

/** One audit record as the API lists it; before/after are JSON text (secrets already masked). */
public record AuditEntryView(
    long id,
    Long tenantId,
    Long actorUserId,
    String actorLabel,
    String action,
    String entityType,
    String entityId,
    String before,
    String after,
    Instant at) {}
