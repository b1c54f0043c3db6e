package io.vesana.api.settings;

import io.vesana.api.auth.Access;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.settings.InvalidSettingException;
import io.vesana.settings.Settings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /v1/settings}: the caller's tenant's settings ({@code settings.manage}). A super admin
 * names the tenant with {@code ?tenant_id=}; a tenant user may leave it out or name their own, and
 * any other tenant answers 404.
 */
@Path("settings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SettingsResource {

  @Inject Access access;
  @Inject Settings settings;

  @GET
  public JsonObject get(@QueryParam("tenant_id") Long tenantId) {
    Caller caller = access.require(Permissions.SETTINGS_MANAGE);
    long tenant = tenantOf(caller, tenantId);
    return settings
        .tenant(caller, tenant)
        .map(v -> SettingsJson.write(tenant, v))
        .orElseThrow(() -> Problem.notFound("Tenant"));
  }

  @PUT
  public JsonObject put(@QueryParam("tenant_id") Long tenantId, JsonObject body) {
    Caller caller = access.require(Permissions.SETTINGS_MANAGE);
    long tenant = tenantOf(caller, tenantId);
    try {
      return settings
          .changeTenant(caller, tenant, SettingsJson.read(body))
          .map(v -> SettingsJson.write(tenant, v))
          .orElseThrow(() -> Problem.notFound("Tenant"));
    } catch (InvalidSettingException e) {
      throw SettingsJson.invalid(e);
    }
  }

  private static long tenantOf(Caller caller, Long requested) {
    if (requested != null) {
      return requested;
    }
    if (caller.superAdmin()) {
      throw Problem.badRequest("A super admin names the tenant: ?tenant_id=.");
    }
    return caller.tenantId();
  }
}
