package io.vesana.checks;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration a host service runs with, each value with the layer it comes from: the
 * service's own value (an override of its profile check, or for a standalone service its own), else
 * the profile check's, else the default. Settings merge key by key: an override key replaces the
 * profile check's value of that key, other keys are inherited. Intervals and attempts resolve by
 * {@link Sourced#pick}, the same rule ingest uses ({@link CheckConfig#merge}).
 */
public record EffectiveCheck(
    CheckKind kind,
    Map<String, Sourced<JsonValue>> settings,
    Sourced<Long> credentialId,
    Sourced<Integer> checkIntervalS,
    Sourced<Integer> retryIntervalS,
    Sourced<Integer> maxCheckAttempts,
    Sourced<JsonObject> warnThreshold,
    Sourced<JsonObject> critThreshold,
    Sourced<Integer> freshnessThresholdS,
    boolean enabled) {

  /**
   * @param profileCheck null for a standalone service
   */
  public static EffectiveCheck of(CheckLayer profileCheck, CheckLayer service) {
    boolean standalone = profileCheck == null;
    CheckLayer pc = standalone ? empty(service.kind()) : profileCheck;
    return new EffectiveCheck(
        service.kind(),
        settings(pc, service, standalone),
        Sourced.pick(service.credentialId(), pc.credentialId(), null, standalone),
        Sourced.pick(
            service.checkIntervalS(),
            pc.checkIntervalS(),
            CheckConfig.DEFAULTS.checkIntervalSeconds(),
            standalone),
        Sourced.pick(
            service.retryIntervalS(),
            pc.retryIntervalS(),
            CheckConfig.DEFAULTS.retryIntervalSeconds(),
            standalone),
        Sourced.pick(
            service.maxCheckAttempts(),
            pc.maxCheckAttempts(),
            CheckConfig.DEFAULTS.maxCheckAttempts(),
            standalone),
        Sourced.pick(service.warnThreshold(), pc.warnThreshold(), null, standalone),
        Sourced.pick(service.critThreshold(), pc.critThreshold(), null, standalone),
        Sourced.pick(service.freshnessThresholdS(), pc.freshnessThresholdS(), null, standalone),
        service.enabled() && (standalone || profileCheck.enabled()));
  }

  private static CheckLayer empty(CheckKind kind) {
    return new CheckLayer(kind, null, null, null, null, null, null, null, null, null, true);
  }

  private static Map<String, Sourced<JsonValue>> settings(
      CheckLayer pc, CheckLayer service, boolean standalone) {
    Map<String, Sourced<JsonValue>> out = new LinkedHashMap<>();
    if (standalone) {
      orEmpty(service.settings())
          .forEach((k, v) -> out.put(k, new Sourced<>(v, Sourced.Source.SERVICE)));
    } else {
      orEmpty(pc.settings())
          .forEach((k, v) -> out.put(k, new Sourced<>(v, Sourced.Source.PROFILE_CHECK)));
    }
    orEmpty(service.overrides())
        .forEach((k, v) -> out.put(k, new Sourced<>(v, Sourced.Source.OVERRIDE)));
    return out;
  }

  private static JsonObject orEmpty(JsonObject o) {
    return o == null ? JsonValue.EMPTY_JSON_OBJECT : o;
  }

  /** The merged settings without their sources: what the agent or collector runs. */
  public JsonObject settingsJson() {
    JsonObjectBuilder b = Json.createObjectBuilder();
    settings.forEach((k, v) -> b.add(k, v.value()));
    return b.build();
  }

  /** The intervals and attempts the state machine uses: equal to what ingest resolves. */
  public CheckConfig checkConfig() {
    return new CheckConfig(
        maxCheckAttempts.value(), checkIntervalS.value(), retryIntervalS.value());
  }
}
