package io.vesana.hostservices;

import io.vesana.checks.CheckKind;
import io.vesana.checks.CheckLayer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;

/** A host service's own configuration as the outside sees it (not merged: see EffectiveCheck). */
public record HostServiceView(
    long id,
    long tenantId,
    long hostId,
    Long profileCheckId,
    String name,
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
    boolean hostCheck,
    boolean enabled,
    Instant createdAt,
    long version) {

  static HostServiceView of(HostService s) {
    return new HostServiceView(
        s.id(),
        s.tenantId(),
        s.hostId(),
        s.profileCheckId(),
        s.name(),
        s.kind(),
        parse(s.settingsJson()),
        parse(s.overridesJson()),
        s.credentialId(),
        s.checkIntervalS(),
        s.retryIntervalS(),
        s.maxCheckAttempts(),
        parse(s.warnThresholdJson()),
        parse(s.critThresholdJson()),
        s.freshnessThresholdS(),
        s.hostCheck(),
        s.enabled(),
        s.createdAt(),
        s.version());
  }

  /** This service as the upper layer of its configuration. */
  public CheckLayer layer() {
    return new CheckLayer(
        kind,
        settings,
        overrides,
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
