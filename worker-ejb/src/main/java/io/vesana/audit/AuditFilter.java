package io.vesana.audit;

import java.time.Instant;

/** Optional filters of the audit log; null means "any". {@code to} is exclusive. */
public record AuditFilter(
    Long actorUserId, String actorLabel, String entityType, Instant from, Instant to) {}
