package io.vesana.profiles;

import io.vesana.checks.CheckKind;
import io.vesana.checks.CheckLayer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;

/** A profile check as the outside sees it (the entity never leaves the feature). */
public record ProfileCheckView(
    long id,
    long tenantId,
    long profileId,
    String name,
    CheckKind kind,
    JsonObject settings,
    Long credentialId,
    int checkIntervalS,
    int retryIntervalS,
    int maxCheckAttempts,
    JsonObject warnThreshold,
    JsonObject critThreshold,
    Integer freshnessThresholdS,
    boolean flapDetection,
    boolean enabled,
    Instant createdAt,
    long version) {

  public static ProfileCheckView of(ProfileCheck c) {
    return new ProfileCheckView(
        c.id(),
        c.tenantId(),
        c.profileId(),
        c.name(),
        c.kind(),
        parse(c.settingsJson()),
        c.credentialId(),
        c.checkIntervalS(),
        c.retryIntervalS(),
        c.maxCheckAttempts(),
        parse(c.warnThresholdJson()),
        parse(c.critThresholdJson()),
        c.freshnessThresholdS(),
        c.flapDetection(),
        c.enabled(),
        c.createdAt(),
        c.version());
  }

  /** This check as the lower layer of its host services' configuration. */
  public CheckLayer layer() {
    return new CheckLayer(
        kind,
        settings,
        null,
        credentialId,
        checkIntervalS,
        retryIntervalS,
        maxCheckAttempts,
        warnThreshold,
        critThreshold,
        freshnessThresholdS,
        enabled);
  }

  static JsonObject parse(String json) {
    if (json == null) {
      return null;
    }
    try (var r = Json.createReader(new StringReader(json))) {
      return r.readObject();
    }
  }
}
