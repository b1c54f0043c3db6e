package io.vesana.api.hostgroups;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.BodyFields;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.hosts.HostGroupAdministration;
import io.vesana.hosts.HostGroupConflictException;
import io.vesana.hosts.HostGroupParentException;
import io.vesana.hosts.HostGroupView;
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
 * {@code /v1/host-groups}: list (keyset paged; {@code q} name filter, {@code parent_id} children of
 * one group, {@code top_level=true} groups without a parent), read, create, replace, delete. Read
 * needs {@code hosts.read}, changes {@code hosts.write}; other tenants' groups answer 404.
 */
@Path("host-groups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HostGroupsResource {

  @Inject Access access;
  @Inject HostGroupAdministration groups;

  @GET
  public JsonObject list(
      @QueryParam("q") String text,
      @QueryParam("parent_id") Long parentId,
      @QueryParam("top_level") @DefaultValue("false") boolean topLevel,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.HOSTS_READ);
    KeysetPage.limit(limit);
    if (text != null && text.length() > 200) {
      throw Problem.badRequest("q must be at most 200 characters.");
    }
    return KeysetPage.of(
        groups.list(caller, text, parentId, topLevel, after, limit),
        limit,
        HostGroupJson::write,
        HostGroupView::id);
  }

  @GET
  @Path("{id}")
  public JsonObject get(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.HOSTS_READ);
    return groups
        .get(caller, id)
        .map(HostGroupJson::write)
        .orElseThrow(() -> Problem.notFound("Host group"));
  }

  @POST
  public Response create(JsonObject body) {
    Caller caller = access.require(Permissions.HOSTS_WRITE);
    try {
      HostGroupView g = groups.create(caller, HostGroupJson.read(body, caller.superAdmin()));
      return Response.created(URI.create("host-groups/" + g.id()))
          .entity(HostGroupJson.write(g))
          .build();
    } catch (HostGroupConflictException e) {
      throw Problem.conflict(e.getMessage());
    } catch (HostGroupParentException e) {
      throw BodyFields.invalid("parent_id", e.getMessage());
    }
  }

  @PUT
  @Path("{id}")
  public JsonObject replace(@PathParam("id") long id, JsonObject body) {
    Caller caller = access.require(Permissions.HOSTS_WRITE);
    try {
      return groups
          .update(caller, id, HostGroupJson.read(body, false))
          .map(HostGroupJson::write)
          .orElseThrow(() -> Problem.notFound("Host group"));
    } catch (HostGroupConflictException e) {
      throw Problem.conflict(e.getMessage());
    } catch (HostGroupParentException | IllegalArgumentException e) {
      throw BodyFields.invalid("parent_id", e.getMessage());
    }
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.HOSTS_WRITE);
    if (!groups.delete(caller, id)) {
      throw Problem.notFound("Host group");
    }
    return Response.noContent().build();
  }
}
