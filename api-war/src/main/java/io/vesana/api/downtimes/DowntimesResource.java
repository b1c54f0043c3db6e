package io.vesana.api.downtimes;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.downtimes.DowntimeBook;
import io.vesana.downtimes.DowntimeCancelledException;
import io.vesana.downtimes.DowntimeFilter;
import io.vesana.downtimes.DowntimeReferenceException;
import io.vesana.downtimes.DowntimeView;
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
import java.time.Instant;

/**
 * {@code /v1/downtimes}: list (keyset paged; filters {@code active=true}, {@code host_id}, {@code
 * service_id}, {@code include_cancelled=true}), read, create, replace, and DELETE, which cancels
 * (the downtime stays as history). Reading needs {@code alerts.read}, changing {@code
 * downtimes.write}. Downtimes of tenants the caller cannot see answer 404.
 */
@Path("downtimes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DowntimesResource {

  @Inject Access access;
  @Inject DowntimeBook downtimes;

  @GET
  public JsonObject list(
      @QueryParam("active") @DefaultValue("false") boolean active,
      @QueryParam("host_id") Long hostId,
      @QueryParam("service_id") Long serviceId,
      @QueryParam("include_cancelled") @DefaultValue("false") boolean includeCancelled,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.ALERTS_READ);
    KeysetPage.limit(limit);
    Instant now = Instant.now();
    DowntimeFilter filter = new DowntimeFilter(active, hostId, serviceId, includeCancelled);
    return KeysetPage.of(
        downtimes.list(caller, filter, now, after, limit),
        limit,
        d -> DowntimeJson.write(d, now),
        DowntimeView::id);
  }

  @GET
  @Path("{id}")
  public JsonObject get(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.ALERTS_READ);
    Instant now = Instant.now();
    return downtimes
        .get(caller, id)
        .map(d -> DowntimeJson.write(d, now))
        .orElseThrow(() -> Problem.notFound("Downtime"));
  }

  @POST
  public Response create(JsonObject body) {
    Caller caller = access.require(Permissions.DOWNTIMES_WRITE);
    Instant now = Instant.now();
    try {
      DowntimeView created =
          downtimes.create(caller, DowntimeJson.read(body, caller.superAdmin(), now));
      return Response.created(URI.create("downtimes/" + created.id()))
          .entity(DowntimeJson.write(created, now))
          .build();
    } catch (DowntimeReferenceException e) {
      throw Problem.badRequest(e.getMessage());
    }
  }

  @PUT
  @Path("{id}")
  public JsonObject replace(@PathParam("id") long id, JsonObject body) {
    Caller caller = access.require(Permissions.DOWNTIMES_WRITE);
    Instant now = Instant.now();
    try {
      return downtimes
          .update(caller, id, DowntimeJson.read(body, false, now))
          .map(d -> DowntimeJson.write(d, now))
          .orElseThrow(() -> Problem.notFound("Downtime"));
    } catch (DowntimeReferenceException e) {
      throw Problem.badRequest(e.getMessage());
    } catch (DowntimeCancelledException e) {
      throw Problem.conflict(e.getMessage());
    }
  }

  @DELETE
  @Path("{id}")
  public Response cancel(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.DOWNTIMES_WRITE);
    if (!downtimes.cancel(caller, id)) {
      throw Problem.notFound("Downtime");
    }
    return Response.noContent().build();
  }
}
