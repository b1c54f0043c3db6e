package io.vesana.settings;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.Caller;
import io.vesana.schema.VesanaDataSource;
import io.vesana.settings.internal.JdbcSettings;
import io.vesana.settings.internal.JdbcSettings.Stored;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reading and changing settings, one transaction per use case, each change audited in it. Tenant
 * settings: the caller's own tenant (a super admin names one); a tenant the caller cannot see, or
 * the reserved internal one, is empty (404), never refused (403). System settings: the caller must
 * be a super admin, which the API checks.
 *
 * <p>A change is a partial update: keys not named keep their value, a key set to JSON {@code null}
 * goes back to its default. The whole change is validated before anything is written.
 */
@ApplicationScoped
@Transactional
public class Settings {

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject AuditTrail audit;

  private final JdbcSettings rows = new JdbcSettings();

  public Settings() {}

  /** For tests outside a container. */
  public Settings(DataSource dataSource, AuditTrail audit) {
    this.dataSource = dataSource;
    this.audit = audit;
  }

  public Optional<List<SettingValue>> tenant(Caller caller, long tenantId) {
    try (Connection c = dataSource.getConnection()) {
      if (!caller.scope().canRead(tenantId) || !rows.tenantExists(c, tenantId)) {
        return Optional.empty();
      }
      return Optional.of(merge(SettingCatalog.TENANT, rows.tenantValues(c, tenantId)));
    } catch (SQLException e) {
      throw new IllegalStateException("tenant settings not read", e);
    }
  }

  public Optional<List<SettingValue>> changeTenant(
      Caller caller, long tenantId, Map<String, JsonValue> change) {
    Map<String, JsonValue> valid = validate(SettingCatalog.TENANT, change);
    try (Connection c = dataSource.getConnection()) {
      if (!caller.scope().canWrite(tenantId) || !rows.tenantExists(c, tenantId)) {
        return Optional.empty();
      }
      List<SettingValue> before = merge(SettingCatalog.TENANT, rows.tenantValues(c, tenantId));
      for (Map.Entry<String, JsonValue> e : valid.entrySet()) {
        rows.putTenant(c, tenantId, e.getKey(), e.getValue(), caller.userId());
      }
      List<SettingValue> after = merge(SettingCatalog.TENANT, rows.tenantValues(c, tenantId));
      audit.record(
          caller,
          tenantId,
          "settings.updated",
          "tenant_settings",
          Long.toString(tenantId),
          image(before, valid),
          image(after, valid));
      return Optional.of(after);
    } catch (SQLException e) {
      throw new IllegalStateException("tenant settings not changed", e);
    }
  }

  public List<SettingValue> system() {
    try (Connection c = dataSource.getConnection()) {
      return merge(SettingCatalog.SYSTEM, rows.systemValues(c));
    } catch (SQLException e) {
      throw new IllegalStateException("system settings not read", e);
    }
  }

  public List<SettingValue> changeSystem(Caller caller, Map<String, JsonValue> change) {
    if (!caller.superAdmin()) {
      throw new IllegalStateException("system settings are for super admins");
    }
    Map<String, JsonValue> valid = validate(SettingCatalog.SYSTEM, change);
    try (Connection c = dataSource.getConnection()) {
      List<SettingValue> before = merge(SettingCatalog.SYSTEM, rows.systemValues(c));
      for (Map.Entry<String, JsonValue> e : valid.entrySet()) {
        rows.putSystem(c, e.getKey(), e.getValue());
      }
      List<SettingValue> after = merge(SettingCatalog.SYSTEM, rows.systemValues(c));
      audit.record(
          caller,
          null,
          "system_settings.updated",
          "system_settings",
          "system",
          image(before, valid),
          image(after, valid));
      return after;
    } catch (SQLException e) {
      throw new IllegalStateException("system settings not changed", e);
    }
  }

  /** The values to write: null for "back to the default". Unknown keys and bad values throw. */
  static Map<String, JsonValue> validate(SettingCatalog catalog, Map<String, JsonValue> change) {
    Map<String, JsonValue> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : change.entrySet()) {
      SettingDefinition d =
          catalog
              .find(e.getKey())
              .orElseThrow(() -> new InvalidSettingException(e.getKey(), "is not a setting"));
      JsonValue v = e.getValue();
      boolean reset = v == null || v.getValueType() == JsonValue.ValueType.NULL;
      out.put(d.key(), reset ? null : d.validate(v));
    }
    return out;
  }

  private static List<SettingValue> merge(SettingCatalog catalog, Map<String, Stored> stored) {
    List<SettingValue> out = new ArrayList<>();
    for (SettingDefinition d : catalog.definitions()) {
      Stored s = stored.get(d.key());
      out.add(
          s == null
              ? new SettingValue(d, d.defaultValue(), true, null)
              : new SettingValue(d, s.value(), false, s.updatedAt()));
    }
    return out;
  }

  /** The changed keys' effective values; settings hold no secrets, so nothing is masked. */
  private static JsonObject image(List<SettingValue> values, Map<String, JsonValue> changed) {
    JsonObjectBuilder b = Json.createObjectBuilder();
    for (SettingValue v : values) {
      if (changed.containsKey(v.key())) {
        b.add(v.key(), v.value());
      }
    }
    return b.build();
  }
}
