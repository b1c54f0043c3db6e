package io.vesana.api.alerts;

import io.vesana.alerts.AlertDesk;
import io.vesana.alerts.AlertEventView;
import io.vesana.alerts.AlertView;
import io.vesana.api.auth.Access;
import io.vesana.api.notifications.DeliveryJson;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.BodyFields;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.notifications.DeliveryLog;
import io.vesana.notifications.DeliveryView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
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
import java.util.List;
import java.util.Set;

/**
 * {@code /v1/alerts}: list ({@code state=open|all}, newest first, paged by {@code before}), one
 * alert with its history, its notification deliveries, acknowledge (needs {@code
 * alerts.acknowledge}), comment.
 */
@Path("alerts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertsResource {

  @Inject Access access;
  @Inject AlertDesk alerts;
  @Inject DeliveryLog deliveryLog;

  @GET
  public JsonObject list(
      @QueryParam("state") @DefaultValue("open") String state,
      @QueryParam("before") @DefaultValue("9223372036854775807") long before,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.ALERTS_READ);
    if (!Set.of("open", "all").contains(state)) {
      throw Problem.badRequest("state must be open or all.");
    }
    if (limit < 1 || limit > 500) {
      throw Problem.badRequest("limit must be between 1 and 500.");
    }
    List<AlertView> page = alerts.list(caller, "open".equals(state), before, limit);
    JsonArrayBuilder items = Json.createArrayBuilder();
    page.forEach(a -> items.add(write(a)));
    var out = Json.createObjectBuilder().add("items", items);
    if (page.size() == limit) {
      out.add("next_before", page.get(page.size() - 1).id());
    } else {
      out.addNull("next_before");
    }
    return out.build();
  }

  @GET
  @Path("{id}")
  public JsonObject get(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.ALERTS_READ);
    AlertView a = alerts.get(caller, id).orElseThrow(() -> Problem.notFound("Alert"));
    JsonArrayBuilder events = Json.createArrayBuilder();
    for (AlertEventView e : alerts.events(caller, id)) {
      JsonObjectBuilder b =
          Json.createObjectBuilder()
              .add("id", e.id())
              .add("kind", e.kind())
              .add("actor", e.actor())
              .add("at", e.at().toString());
      b.add("body", e.body() == null ? JsonValue.NULL : Json.createValue(e.body()));
      events.add(b);
    }
    return Json.createObjectBuilder(write(a)).add("events", events).build();
  }

  /** The alert's notification deliveries with their attempts, oldest first, keyset paged. */
  @GET
  @Path("{id}/deliveries")
  public JsonObject deliveries(
      @PathParam("id") long id,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.ALERTS_READ);
    KeysetPage.limit(limit);
    List<DeliveryView> page =
        deliveryLog.forAlert(caller, id, after, limit).orElseThrow(() -> Problem.notFound("Alert"));
    return KeysetPage.of(page, limit, DeliveryJson::write, DeliveryView::id);
  }

  @POST
  @Path("{id}/acknowledge")
  public JsonObject acknowledge(@PathParam("id") long id, JsonObject body) {
    Caller caller = access.require(Permissions.ALERTS_ACKNOWLEDGE);
    JsonObject b = BodyFields.only(body, Set.of("comment", "sticky", "expires_at"));
    String comment = BodyFields.string(b, "comment", 2000, true);
    boolean sticky = b.containsKey("sticky") && b.get("sticky") == JsonValue.TRUE;
    if (b.containsKey("sticky")
        && b.get("sticky") != JsonValue.TRUE
        && b.get("sticky") != JsonValue.FALSE) {
      throw BodyFields.invalid("sticky", "sticky must be true or false");
    }
    try {
      return alerts
          .acknowledge(caller, id, comment, sticky, BodyFields.futureTime(b, "expires_at"))
          .map(AlertsResource::write)
          .orElseThrow(() -> Problem.notFound("Alert"));
    } catch (AlertDesk.AlertResolvedException e) {
      throw Problem.conflict(e.getMessage());
    }
  }

  @POST
  @Path("{id}/comments")
  public Response comment(@PathParam("id") long id, JsonObject body) {
    Caller caller = access.require(Permissions.ALERTS_ACKNOWLEDGE);
    JsonObject b = BodyFields.only(body, Set.of("comment"));
    if (!alerts.comment(caller, id, BodyFields.string(b, "comment", 2000, true))) {
      throw Problem.notFound("Alert");
    }
    return Response.noContent().build();
  }

  static JsonObject write(AlertView a) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", a.id())
            .add("tenant_id", a.tenantId())
            .add("host_id", a.hostId())
            .add("host_name", a.hostName())
            .add("severity", a.severity())
            .add("opened_at", a.openedAt().toString())
            .add("acknowledged", a.acknowledged())
            .add("state", a.resolvedAt() == null ? "open" : "resolved");
    if (a.serviceId() == null) {
      b.addNull("service_id").addNull("service_name");
    } else {
      b.add("service_id", a.serviceId()).add("service_name", a.serviceName());
    }
    b.add("summary", a.summary() == null ? JsonValue.NULL : Json.createValue(a.summary()));
    b.add(
        "resolved_at",
        a.resolvedAt() == null ? JsonValue.NULL : Json.createValue(a.resolvedAt().toString()));
    return b.build();
  }
}
