package io.vesana.checks;

import jakarta.json.JsonObject;

/**
 * The configuration one layer (a profile check, or a host service's own columns) sets; null means
 * "not set here". For a host service instantiating a profile check, {@code settings} is null and
 * its {@code overrides} patch the profile check's settings key by key.
 */
public record CheckLayer(
    CheckKind kind,
    JsonObject settings,
    JsonObject overrides,
    Long credentialId,
    Integer checkIntervalS,
    Integer retryIntervalS,
    Integer maxCheckAttempts,
    JsonObject warnThreshold,
    JsonObject critThreshold,
    Integer freshnessThresholdS,
    boolean enabled) {}
