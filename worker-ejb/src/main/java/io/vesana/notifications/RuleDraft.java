package io.vesana.notifications;

import jakarta.json.JsonObject;

/**
 * The writable fields of a rule; {@code match} was validated by {@link RuleMatch}.
 *
 * @param repeatIntervalS null: notify once
 */
public record RuleDraft(
    Long tenantId,
    String name,
    JsonObject match,
    long channelId,
    int escalationDelayS,
    Integer repeatIntervalS,
    boolean notifyOnRecovery,
    int priority,
    boolean enabled) {}
