package io.vesana.api.settings;

import io.vesana.api.auth.Access;
import io.vesana.auth.Caller;
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
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /v1/admin/settings}: installation-wide settings (retention, instance name), super admins.
 */
@Path("admin/settings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SystemSettingsResource {

  @Inject Access access;
  @Inject Settings settings;

  @GET
  public JsonObject get() {
    access.requireSuperAdmin();
    return SettingsJson.write(null, settings.system());
  }

  @PUT
  public JsonObject put(JsonObject body) {
    Caller caller = access.requireSuperAdmin();
    try {
      return SettingsJson.write(null, settings.changeSystem(caller, SettingsJson.read(body)));
    } catch (InvalidSettingException e) {
      throw SettingsJson.invalid(e);
    }
  }
}
