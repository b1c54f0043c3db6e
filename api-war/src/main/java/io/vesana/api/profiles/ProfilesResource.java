package io.vesana.api.profiles;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.profiles.ProfileAdministration;
import io.vesana.profiles.ProfileConflictException;
import io.vesana.profiles.ProfileView;
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
 * {@code /v1/profiles}: list (keyset paged, {@code q} name filter), read, create, replace, delete
 * (409 while hosts use it). Read needs {@code profiles.read}, changes {@code profiles.write}.
 */
@Path("profiles")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProfilesResource {

  @Inject Access access;
  @Inject ProfileAdministration profiles;

  @GET
  public JsonObject list(
      @QueryParam("q") String text,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.PROFILES_READ);
    KeysetPage.limit(limit);
    if (text != null && text.length() > 200) {
      throw Problem.badRequest("q must be at most 200 characters.");
    }
    return KeysetPage.of(
        profiles.list(caller, text, after, limit), limit, ProfileJson::write, ProfileView::id);
  }

  @GET
  @Path("{id}")
  public JsonObject get(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.PROFILES_READ);
    return profiles
        .get(caller, id)
        .map(ProfileJson::write)
        .orElseThrow(() -> Problem.notFound("Profile"));
  }

  @POST
  public Response create(JsonObject body) {
    Caller caller = access.require(Permissions.PROFILES_WRITE);
    try {
      ProfileView p = profiles.create(caller, ProfileJson.read(body, caller.superAdmin()));
      return Response.created(URI.create("profiles/" + p.id()))
          .entity(ProfileJson.write(p))
          .build();
    } catch (ProfileConflictException e) {
      throw Problem.conflict(e.getMessage());
    }
  }

  @PUT
  @Path("{id}")
  public JsonObject replace(@PathParam("id") long id, JsonObject body) {
    Caller caller = access.require(Permissions.PROFILES_WRITE);
    try {
      return profiles
          .update(caller, id, ProfileJson.read(body, false))
          .map(ProfileJson::write)
          .orElseThrow(() -> Problem.notFound("Profile"));
    } catch (ProfileConflictException e) {
      throw Problem.conflict(e.getMessage());
    }
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.PROFILES_WRITE);
    try {
      if (!profiles.delete(caller, id)) {
        throw Problem.notFound("Profile");
      }
    } catch (ProfileConflictException e) {
      throw Problem.conflict(e.getMessage());
    }
    return Response.noContent().build();
  }
}
