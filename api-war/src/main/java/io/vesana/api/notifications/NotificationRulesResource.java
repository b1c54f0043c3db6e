package io.vesana.api.notifications;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.notifications.InvalidNotificationException;
import io.vesana.notifications.NotificationNameTakenException;
import io.vesana.notifications.NotificationRules;
import io.vesana.notifications.RuleView;
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
 * {@code /v1/notification-rules}: list (keyset paged, {@code channel_id}), read, create, replace,
 * delete. All need {@code notifications.manage}.
 */
@Path("notification-rules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotificationRulesResource {

  @Inject Access access;
  @Inject NotificationRules rules;

  @GET
  public JsonObject list(
      @QueryParam("channel_id") Long channelId,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.NOTIFICATIONS_MANAGE);
    KeysetPage.limit(limit);
    return KeysetPage.of(
        rules.list(caller, channelId, after, limit), limit, NotificationJson::write, RuleView::id);
  }

  @GET
  @Path("{id}")
  public JsonObject get(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.NOTIFICATIONS_MANAGE);
    return rules
        .get(caller, id)
        .map(NotificationJson::write)
        .orElseThrow(() -> Problem.notFound("Notification rule"));
  }

  @POST
  public Response create(JsonObject body) {
    Caller caller = access.require(Permissions.NOTIFICATIONS_MANAGE);
    try {
      RuleView v = rules.create(caller, NotificationJson.readRule(body, caller.superAdmin()));
      return Response.created(URI.create("notification-rules/" + v.id()))
          .entity(NotificationJson.write(v))
          .build();
    } catch (InvalidNotificationException e) {
      throw NotificationJson.problem(e);
    } catch (NotificationNameTakenException e) {
      throw Problem.conflict(e.getMessage());
    }
  }

  @PUT
  @Path("{id}")
  public JsonObject replace(@PathParam("id") long id, JsonObject body) {
    Caller caller = access.require(Permissions.NOTIFICATIONS_MANAGE);
    try {
      return rules
          .update(caller, id, NotificationJson.readRule(body, false))
          .map(NotificationJson::write)
          .orElseThrow(() -> Problem.notFound("Notification rule"));
    } catch (InvalidNotificationException e) {
      throw NotificationJson.problem(e);
    } catch (NotificationNameTakenException e) {
      throw Problem.conflict(e.getMessage());
    }
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.NOTIFICATIONS_MANAGE);
    if (!rules.delete(caller, id)) {
      throw Problem.notFound("Notification rule");
    }
    return Response.noContent().build();
  }
}
