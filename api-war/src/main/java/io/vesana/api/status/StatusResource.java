package io.vesana.api.status;

import io.vesana.api.auth.Access;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.status.ServiceStatusView;
import io.vesana.status.StatusQueries;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Monitoring state for dashboards and detail pages: a host's services with status, one service, the
 * problem list, a service's result history, and a metric series for charts. Needs {@code
 * hosts.read}; what belongs to other tenants answers 404.
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

  private static final Duration MAX_RANGE = Duration.ofDays(400);

  @Inject Access access;
  @Inject StatusQueries status;

  @GET
  @Path("services/{id}")
  public JsonObject service(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.HOSTS_READ);
    return status
        .service(caller, id)
        .map(StatusJson::service)
        .orElseThrow(() -> Problem.notFound("Service"));
  }

  @GET
  @Path("problems")
  public JsonObject problems(
      @QueryParam("before_change") String beforeChange,
      @QueryParam("before_id") @DefaultValue("9223372036854775807") long beforeId,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.HOSTS_READ);
    if (limit < 1 || limit > 500) {
      throw Problem.badRequest("limit must be between 1 and 500.");
    }
    Instant before =
        beforeChange == null
            ? Instant.parse("9999-12-31T00:00:00Z")
            : instant(beforeChange, "before_change");
    List<ServiceStatusView> page = status.problems(caller, before, beforeId, limit);
    JsonArrayBuilder items = Json.createArrayBuilder();
    page.forEach(s -> items.add(StatusJson.service(s)));
    var out = Json.createObjectBuilder().add("items", items);
    if (page.size() == limit) {
      ServiceStatusView last = page.get(page.size() - 1);
      out.add(
          "next",
          Json.createObjectBuilder()
              .add("before_change", last.lastChangeAt().toString())
              .add("before_id", last.serviceId()));
    } else {
      out.addNull("next");
    }
    return out.build();
  }

  @GET
  @Path("services/{id}/results")
  public JsonObject results(
      @PathParam("id") long id,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.HOSTS_READ);
    if (limit < 1 || limit > 1000) {
      throw Problem.badRequest("limit must be between 1 and 1000.");
    }
    Instant[] range = range(from, to);
    requireService(caller, id);
    JsonArrayBuilder items = Json.createArrayBuilder();
    status
        .results(caller, id, range[0], range[1], limit)
        .forEach(r -> items.add(StatusJson.result(r)));
    return Json.createObjectBuilder().add("items", items).build();
  }

  @GET
  @Path("services/{id}/series")
  public JsonObject series(
      @PathParam("id") long id,
      @QueryParam("metric") String metric,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("buckets") @DefaultValue("200") int buckets) {
    Caller caller = access.require(Permissions.HOSTS_READ);
    if (metric == null || metric.isBlank() || metric.length() > 200) {
      throw Problem.badRequest("metric (a perfdata label) is required, at most 200 characters.");
    }
    if (buckets < 1 || buckets > StatusQueries.MAX_BUCKETS) {
      throw Problem.badRequest("buckets must be between 1 and " + StatusQueries.MAX_BUCKETS + ".");
    }
    Instant[] range = range(from, to);
    requireService(caller, id);
    JsonArrayBuilder points = Json.createArrayBuilder();
    status
        .series(caller, id, metric, range[0], range[1], buckets)
        .forEach(p -> points.add(StatusJson.point(p)));
    return Json.createObjectBuilder().add("metric", metric).add("points", points).build();
  }

  private void requireService(Caller caller, long id) {
    if (status.service(caller, id).isEmpty()) {
      throw Problem.notFound("Service");
    }
  }

  /** [from, to): default the last 24 hours; at most 400 days. */
  private static Instant[] range(String from, String to) {
    Instant end = to == null ? Instant.now() : instant(to, "to");
    Instant start = from == null ? end.minus(Duration.ofDays(1)) : instant(from, "from");
    if (!start.isBefore(end)) {
      throw Problem.badRequest("from must be before to.");
    }
    if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
      throw Problem.badRequest("The time range may span at most 400 days.");
    }
    return new Instant[] {start, end};
  }

  private static Instant instant(String text, String name) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw Problem.badRequest(name + " must be an ISO-8601 instant such as 2026-11-24T00:00:00Z.");
    }
  }
}
