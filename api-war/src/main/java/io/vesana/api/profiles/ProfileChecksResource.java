package io.vesana.api.profiles;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.profiles.ProfileCheckAdministration;
import io.vesana.profiles.ProfileCheckView;
import io.vesana.profiles.ProfileConflictException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * {@code /v1/profiles/{profileId}/checks}: the checks of one profile. Settings are validated per
 * kind (400 with a pointer per field, e.g. {@code /settings/oid}); secrets are refused in settings
 * and go to a stored credential named by {@code credential_id}.
 */
@Path("profiles/{profileId}/checks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProfileChecksResource {

  @Inject Access access;
  @Inject ProfileCheckAdministration checks;

  @GET
  public JsonObject list(
      @PathParam("profileId") long profileId,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.PROFILES_READ);
    KeysetPage.limit(limit);
    return checks
        .list(caller, profileId, after, limit)
        .map(page -> KeysetPage.of(page, limit, CheckJson::write, ProfileCheckView::id))
        .orElseThrow(() -> Problem.notFound("Profile"));
  }

  @GET
  @Path("{id}")
  public JsonObject get(@PathParam("profileId") long profileId, @PathParam("id") long id) {
    Caller caller = access.require(Permissions.PROFILES_READ);
    return checks
        .get(caller, profileId, id)
        .map(CheckJson::write)
        .orElseThrow(() -> Problem.notFound("Profile check"));
  }

  @POST
  public Response create(@PathParam("profileId") long profileId, JsonObject body) {
    Caller caller = access.require(Permissions.PROFILES_WRITE);
    try {
      ProfileCheckView c =
          checks
              .create(caller, profileId, CheckJson.read(body))
              .orElseThrow(() -> Problem.notFound("Profile"));
      return Response.created(URI.create("profiles/" + profileId + "/checks/" + c.id()))
          .entity(CheckJson.write(c))
          .build();
    } catch (ProfileConflictException e) {
      throw Problem.conflict(e.getMessage());
    }
  }

  @PUT
  @Path("{id}")
  public JsonObject replace(
      @PathParam("profileId") long profileId, @PathParam("id") long id, JsonObject body) {
    Caller caller = access.require(Permissions.PROFILES_WRITE);
    try {
      return checks
          .update(caller, profileId, id, CheckJson.read(body))
          .map(CheckJson::write)
          .orElseThrow(() -> Problem.notFound("Profile check"));
    } catch (ProfileConflictException e) {
      throw Problem.conflict(e.getMessage());
    }
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("profileId") long profileId, @PathParam("id") long id) {
    Caller caller = access.require(Permissions.PROFILES_WRITE);
    if (!checks.delete(caller, profileId, id)) {
      throw Problem.notFound("Profile check");
    }
    return Response.noContent().build();
  }
}
