package io.vesana.api.edge;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.BodyFields;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.edge.EdgeAdministration;
import io.vesana.edge.EdgeComponentView;
import io.vesana.edge.EdgeIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Set;

/**
 * {@code /v1/collectors}: register (the answer holds the collector's API key, this once), list
 * ({@code status} filter, keyset paged) with last contact, read, remove (revokes the key). Needs
 * {@code collectors.manage}.
 */
@Path("collectors")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CollectorsResource {

  static final Set<String> STATUSES = Set.of("pending", "online", "offline", "disabled");

  @Inject Access access;
  @Inject EdgeAdministration edge;

  @POST
  public Response register(JsonObject body) {
    Caller caller = access.require(Permissions.COLLECTORS_MANAGE);
    JsonObject b = BodyFields.only(body, Set.of("tenant_id", "name", "description"));
    Long tenant = BodyFields.id(b, "tenant_id");
    if (tenant != null && !caller.superAdmin()) {
      throw BodyFields.invalid("tenant_id", "tenant_id can only be chosen by a super admin");
    }
    EdgeAdministration.RegisteredCollector r =
        edge.registerCollector(
            caller,
            tenant,
            BodyFields.string(b, "name", 200, true),
            BodyFields.string(b, "description", 2000, false));
    JsonObject out =
        Json.createObjectBuilder(EdgeJson.write(r.collector())).add("api_key", r.apiKey()).build();
    return Response.created(URI.create("collectors/" + r.collector().id()))
        .entity(out)
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  public JsonObject list(
      @QueryParam("status") String status,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.COLLECTORS_MANAGE);
    KeysetPage.limit(limit);
    if (status != null && !STATUSES.contains(status)) {
      throw Problem.badRequest("status must be one of pending, online, offline, disabled.");
    }
    return KeysetPage.of(
        edge.list(caller, EdgeIdentity.Kind.COLLECTOR, status, null, after, limit),
        limit,
        EdgeJson::write,
        EdgeComponentView::id);
  }

  @GET
  @Path("{id}")
  public JsonObject get(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.COLLECTORS_MANAGE);
    return edge.get(caller, EdgeIdentity.Kind.COLLECTOR, id)
        .map(EdgeJson::write)
        .orElseThrow(() -> Problem.notFound("Collector"));
  }

  @DELETE
  @Path("{id}")
  public Response remove(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.COLLECTORS_MANAGE);
    if (!edge.remove(caller, EdgeIdentity.Kind.COLLECTOR, id)) {
      throw Problem.notFound("Collector");
    }
    return Response.noContent().build();
  }
}
