package io.vesana.hostservices;

import jakarta.json.JsonObject;

/**
 * The fields of a host service as the API read them (types checked, content not yet): either {@code
 * profileCheckId} (kind and settings come from the profile check, {@code overrides} patch them) or
 * {@code kind} and {@code settings} (standalone). Null intervals, attempts, thresholds and
 * freshness inherit from the profile check.
 */
public record HostServiceDraft(
    String name,
    Long profileCheckId,
    String kind,
    JsonObject settings,
    JsonObject overrides,
    Long credentialId,
    Integer checkIntervalS,
    Integer retryIntervalS,
    Integer maxCheckAttempts,
    JsonObject warnThreshold,
    JsonObject critThreshold,
    Integer freshnessThresholdS,
    boolean hostCheck,
    boolean enabled) {}
