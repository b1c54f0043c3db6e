package io.vesana.api.edge;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.edge.EdgeAdministration;
import io.vesana.edge.EdgeComponentView;
import io.vesana.edge.EdgeIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /v1/agents}: list ({@code status}, {@code host_id} filters, keyset paged) with last
 * contact, read, remove (revokes its token). Agents appear by enrolling with an agent token ({@code
 * POST /v1/agent-tokens} issues one). Needs {@code collectors.manage}.
 */
@Path("agents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AgentsResource {

  @Inject Access access;
  @Inject EdgeAdministration edge;

  @GET
  public JsonObject list(
      @QueryParam("status") String status,
      @QueryParam("host_id") Long hostId,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.COLLECTORS_MANAGE);
    KeysetPage.limit(limit);
    if (status != null && !CollectorsResource.STATUSES.contains(status)) {
      throw Problem.badRequest("status must be one of pending, online, offline, disabled.");
    }
    return KeysetPage.of(
        edge.list(caller, EdgeIdentity.Kind.AGENT, status, hostId, after, limit),
        limit,
        EdgeJson::write,
        EdgeComponentView::id);
  }

  @GET
  @Path("{id}")
  public JsonObject get(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.COLLECTORS_MANAGE);
    return edge.get(caller, EdgeIdentity.Kind.AGENT, id)
        .map(EdgeJson::write)
        .orElseThrow(() -> Problem.notFound("Agent"));
  }

  @DELETE
  @Path("{id}")
  public Response remove(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.COLLECTORS_MANAGE);
    if (!edge.remove(caller, EdgeIdentity.Kind.AGENT, id)) {
      throw Problem.notFound("Agent");
    }
    return Response.noContent().build();
  }
}
