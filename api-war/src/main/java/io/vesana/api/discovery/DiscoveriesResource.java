package io.vesana.api.discovery;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.BodyFields;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.discovery.DiscoveredHostView;
import io.vesana.discovery.DiscoveryBook;
import io.vesana.discovery.DiscoveryFilter;
import io.vesana.discovery.DiscoveryReferenceException;
import io.vesana.discovery.DiscoveryView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code /v1/discoveries}: network scans. List (keyset paged; filters {@code collector_id}, {@code
 * status}, {@code from}/{@code to} on the creation time), read one with its first page of hosts,
 * page through its hosts, and request a scan of a CIDR block by a collector (at most 65 536
 * addresses), which the collector's configuration then carries. Reading needs {@code hosts.read},
 * requesting {@code discovery.run}. Scans of tenants the caller cannot see answer 404.
 */
@Path("discoveries")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DiscoveriesResource {

  static final int HOSTS_IN_DETAIL = 100;

  @Inject Access access;
  @Inject DiscoveryBook discoveries;

  @GET
  public JsonObject list(
      @QueryParam("collector_id") Long collectorId,
      @QueryParam("status") String status,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.HOSTS_READ);
    KeysetPage.limit(limit);
    if (status != null && !DiscoveryFilter.STATUSES.contains(status)) {
      throw Problem.badRequest(
          "status must be one of "
              + String.join(", ", DiscoveryFilter.STATUSES.stream().sorted().toList())
              + ".");
    }
    DiscoveryFilter filter =
        new DiscoveryFilter(collectorId, status, instant(from, "from"), instant(to, "to"));
    return KeysetPage.of(
        discoveries.list(caller, filter, after, limit),
        limit,
        DiscoveryJson::write,
        DiscoveryView::id);
  }

  @GET
  @Path("{id}")
  public JsonObject get(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.HOSTS_READ);
    DiscoveryView d = discoveries.get(caller, id).orElseThrow(() -> Problem.notFound("Discovery"));
    JsonObject hosts = hostPage(caller, id, 0, HOSTS_IN_DETAIL);
    return Json.createObjectBuilder(DiscoveryJson.write(d))
        .add("hosts", hosts.get("items"))
        .add("hosts_next_after", hosts.get("next_after"))
        .build();
  }

  @GET
  @Path("{id}/hosts")
  public JsonObject hosts(
      @PathParam("id") long id,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.HOSTS_READ);
    KeysetPage.limit(limit);
    return hostPage(caller, id, after, limit);
  }

  private JsonObject hostPage(Caller caller, long id, long after, int limit) {
    List<DiscoveredHostView> page =
        discoveries
            .hosts(caller, id, after, limit)
            .orElseThrow(() -> Problem.notFound("Discovery"));
    return KeysetPage.of(page, limit, DiscoveryJson::write, DiscoveredHostView::id);
  }

  @POST
  public Response request(JsonObject body) {
    Caller caller = access.require(Permissions.DISCOVERY_RUN);
    try {
      DiscoveryView created =
          discoveries.request(caller, DiscoveryJson.readRequest(body, caller.superAdmin()));
      return Response.created(URI.create("discoveries/" + created.id()))
          .entity(DiscoveryJson.write(created))
          .build();
    } catch (DiscoveryReferenceException e) {
      throw BodyFields.invalid(e.field(), e.getMessage());
    }
  }

  private static Instant instant(String text, String name) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw Problem.badRequest(name + " must be an ISO-8601 instant such as 2026-11-24T00:00:00Z.");
    }
  }
}
