package io.vesana.api.hosts;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.hosts.HostAdministration;
import io.vesana.hosts.HostNameTakenException;
import io.vesana.hosts.HostReferenceException;
import io.vesana.hosts.HostView;
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
 * {@code /v1/hosts}: list (keyset paged, filtered on the server), read, create, replace, delete.
 * Hosts of tenants the caller cannot see answer 404. A host's services are under {@code
 * io.vesana.api.hostservices.HostServicesResource}.
 */
@Path("hosts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HostsResource {

  @Inject Access access;
  @Inject HostAdministration hosts;

  @GET
  public JsonObject list(
      @QueryParam("q") String text,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.HOSTS_READ);
    KeysetPage.limit(limit);
    if (text != null && text.length() > 200) {
      throw Problem.badRequest("q must be at most 200 characters.");
    }
    return KeysetPage.of(
        hosts.list(caller, text, after, limit), limit, HostJson::write, HostView::id);
  }

  @GET
  @Path("{id}")
  public JsonObject get(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.HOSTS_READ);
    return hosts.get(caller, id).map(HostJson::write).orElseThrow(() -> Problem.notFound("Host"));
  }

  @POST
  public Response create(JsonObject body) {
    Caller caller = access.require(Permissions.HOSTS_WRITE);
    try {
      HostView created = hosts.create(caller, HostJson.read(body, caller.superAdmin()));
      return Response.created(URI.create("hosts/" + created.id()))
          .entity(HostJson.write(created))
          .build();
    } catch (HostNameTakenException e) {
      throw Problem.conflict(e.getMessage());
    } catch (HostReferenceException | IllegalArgumentException e) {
      throw Problem.badRequest(e.getMessage());
    }
  }

  @PUT
  @Path("{id}")
  public JsonObject replace(@PathParam("id") long id, JsonObject body) {
    Caller caller = access.require(Permissions.HOSTS_WRITE);
    try {
      return hosts
          .update(caller, id, HostJson.read(body, false))
          .map(HostJson::write)
          .orElseThrow(() -> Problem.notFound("Host"));
    } catch (HostNameTakenException e) {
      throw Problem.conflict(e.getMessage());
    } catch (HostReferenceException | IllegalArgumentException e) {
      throw Problem.badRequest(e.getMessage());
    }
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.HOSTS_WRITE);
    if (!hosts.delete(caller, id)) {
      throw Problem.notFound("Host");
    }
    return Response.noContent().build();
  }
}
