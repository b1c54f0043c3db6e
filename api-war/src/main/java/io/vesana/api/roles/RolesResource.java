package io.vesana.api.roles;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.auth.RoleAdministration;
import io.vesana.auth.RoleException;
import io.vesana.auth.RoleView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
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
import java.util.List;

/**
 * {@code /v1/roles}: the built-in roles (on the first page only, under {@code built_in}) and the
 * custom roles of the caller's tenants (keyset-paged {@code items}); create, read, replace, delete
 * custom roles. Needs {@code users.manage}; other tenants' roles answer 404.
 */
@Path("roles")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RolesResource {

  @Inject Access access;
  @Inject RoleAdministration roles;

  @GET
  public JsonObject list(
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.USERS_MANAGE);
    KeysetPage.limit(limit);
    List<RoleView> page = roles.list(caller, after, limit);
    JsonObject custom = KeysetPage.of(page, limit, RoleJson::write, RoleView::id);
    JsonArrayBuilder builtIn = Json.createArrayBuilder();
    if (after == 0) {
      RoleAdministration.builtIn().forEach(r -> builtIn.add(RoleJson.write(r)));
    }
    return Json.createObjectBuilder(custom).add("built_in", builtIn).build();
  }

  @GET
  @Path("{id}")
  public JsonObject get(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.USERS_MANAGE);
    return roles.get(caller, id).map(RoleJson::write).orElseThrow(() -> Problem.notFound("Role"));
  }

  @POST
  public Response create(JsonObject body) {
    Caller caller = access.require(Permissions.USERS_MANAGE);
    try {
      RoleView created = roles.create(caller, RoleJson.read(body, caller.superAdmin()));
      return Response.created(URI.create("roles/" + created.id()))
          .entity(RoleJson.write(created))
          .build();
    } catch (RoleException e) {
      throw RoleJson.problem(e);
    }
  }

  @PUT
  @Path("{id}")
  public JsonObject replace(@PathParam("id") long id, JsonObject body) {
    Caller caller = access.require(Permissions.USERS_MANAGE);
    try {
      return roles
          .update(caller, id, RoleJson.read(body, false))
          .map(RoleJson::write)
          .orElseThrow(() -> Problem.notFound("Role"));
    } catch (RoleException e) {
      throw RoleJson.problem(e);
    }
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.USERS_MANAGE);
    if (!roles.delete(caller, id)) {
      throw Problem.notFound("Role");
    }
    return Response.noContent().build();
  }
}
