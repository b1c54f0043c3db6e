package io.vesana.profiles;

import io.vesana.checks.CheckSettings;
import jakarta.json.JsonObject;

/** The writable fields of a profile check, validated by the API (settings parsed per kind). */
public record ProfileCheckDraft(
    String name,
    CheckSettings settings,
    Long credentialId,
    int checkIntervalS,
    int retryIntervalS,
    int maxCheckAttempts,
    JsonObject warnThreshold,
    JsonObject critThreshold,
    Integer freshnessThresholdS,
    boolean flapDetection,
    boolean enabled) {}
