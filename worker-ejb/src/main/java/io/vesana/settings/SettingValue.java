package io.vesana.settings;

import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * A setting's current value: the stored one, or the default ({@code isDefault}, {@code updatedAt}
 * null) when none is stored.
 */
public record SettingValue(
    SettingDefinition definition, JsonValue value, boolean isDefault, Instant updatedAt) {

  public String key() {
    return definition.key();
  }
}
