package io.vesana.notifications;

import jakarta.json.JsonObject;
import java.time.Instant;

/** A notification rule as the outside sees it. */
public record RuleView(
    long id,
    long tenantId,
    String name,
    JsonObject match,
    long channelId,
    int escalationDelayS,
    Integer repeatIntervalS,
    boolean notifyOnRecovery,
    int priority,
    boolean enabled,
    Instant createdAt,
    long version) {}
