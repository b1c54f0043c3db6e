package io.vesana.api.hostservices;

import io.vesana.api.auth.Access;
import io.vesana.api.problems.Problem;
import io.vesana.api.status.StatusJson;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.hosts.HostAdministration;
import io.vesana.hostservices.HostServiceAdministration;
import io.vesana.hostservices.HostServiceConflictException;
import io.vesana.hostservices.HostServiceView;
import io.vesana.status.StatusQueries;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * {@code /v1/hosts/{hostId}/services}: list with current status, create, read, replace, delete, and
 * {@code /{id}/effective-config}. Read needs {@code hosts.read}, changes {@code hosts.write}; hosts
 * and services of other tenants answer 404. (The list lives here, not in HostsResource: JAX-RS
 * matches this longer root path first for every request below it.)
 */
@Path("hosts/{hostId}/services")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HostServicesResource {

  @Inject Access access;
  @Inject HostAdministration hosts;
  @Inject HostServiceAdministration services;
  @Inject StatusQueries status;

  /** The host's services with their current status. */
  @GET
  public JsonObject list(@PathParam("hostId") long hostId) {
    Caller caller = access.require(Permissions.HOSTS_READ);
    if (hosts.get(caller, hostId).isEmpty()) {
      throw Problem.notFound("Host");
    }
    JsonArrayBuilder items = Json.createArrayBuilder();
    status.servicesOfHost(caller, hostId).forEach(s -> items.add(StatusJson.service(s)));
    return Json.createObjectBuilder().add("items", items).build();
  }

  @GET
  @Path("{id}")
  public JsonObject get(@PathParam("hostId") long hostId, @PathParam("id") long id) {
    Caller caller = access.require(Permissions.HOSTS_READ);
    return services
        .get(caller, hostId, id)
        .map(HostServiceJson::write)
        .orElseThrow(() -> Problem.notFound("Service"));
  }

  @GET
  @Path("{id}/effective-config")
  public JsonObject effective(@PathParam("hostId") long hostId, @PathParam("id") long id) {
    Caller caller = access.require(Permissions.HOSTS_READ);
    return services
        .effective(caller, hostId, id)
        .map(e -> HostServiceJson.effective(hostId, id, e))
        .orElseThrow(() -> Problem.notFound("Service"));
  }

  @POST
  public Response create(@PathParam("hostId") long hostId, JsonObject body) {
    Caller caller = access.require(Permissions.HOSTS_WRITE);
    try {
      HostServiceView s =
          services
              .create(caller, hostId, HostServiceJson.read(body))
              .orElseThrow(() -> Problem.notFound("Host"));
      return Response.created(URI.create("hosts/" + hostId + "/services/" + s.id()))
          .entity(HostServiceJson.write(s))
          .build();
    } catch (HostServiceConflictException e) {
      throw Problem.conflict(e.getMessage());
    }
  }

  @PUT
  @Path("{id}")
  public JsonObject replace(
      @PathParam("hostId") long hostId, @PathParam("id") long id, JsonObject body) {
    Caller caller = access.require(Permissions.HOSTS_WRITE);
    try {
      return services
          .update(caller, hostId, id, HostServiceJson.read(body))
          .map(HostServiceJson::write)
          .orElseThrow(() -> Problem.notFound("Service"));
    } catch (HostServiceConflictException e) {
      throw Problem.conflict(e.getMessage());
    }
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("hostId") long hostId, @PathParam("id") long id) {
    Caller caller = access.require(Permissions.HOSTS_WRITE);
    if (!services.delete(caller, hostId, id)) {
      throw Problem.notFound("Service");
    }
    return Response.noContent().build();
  }
}
