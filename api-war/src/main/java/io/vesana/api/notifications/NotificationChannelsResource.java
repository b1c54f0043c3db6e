package io.vesana.api.notifications;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.notifications.ChannelKind;
import io.vesana.notifications.ChannelView;
import io.vesana.notifications.InvalidNotificationException;
import io.vesana.notifications.NotificationChannels;
import io.vesana.notifications.NotificationNameTakenException;
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
 * {@code /v1/notification-channels}: list (keyset paged, {@code kind}, {@code q}), read, create,
 * replace, delete, and {@code POST {id}/test} for webhook channels. All need {@code
 * notifications.manage}. The {@code secret} is accepted and never returned ({@code has_secret}).
 */
@Path("notification-channels")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotificationChannelsResource {

  @Inject Access access;
  @Inject NotificationChannels channels;

  @GET
  public JsonObject list(
      @QueryParam("kind") String kind,
      @QueryParam("q") String text,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.NOTIFICATIONS_MANAGE);
    KeysetPage.limit(limit);
    if (text != null && text.length() > 200) {
      throw Problem.badRequest("q must be at most 200 characters.");
    }
    ChannelKind k;
    try {
      k = kind == null ? null : ChannelKind.of(kind);
    } catch (InvalidNotificationException e) {
      throw Problem.badRequest(e.getMessage() + ".");
    }
    String q = text == null || text.isBlank() ? null : text.strip();
    return KeysetPage.of(
        channels.list(caller, k, q, after, limit), limit, NotificationJson::write, ChannelView::id);
  }

  @GET
  @Path("{id}")
  public JsonObject get(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.NOTIFICATIONS_MANAGE);
    return channels
        .get(caller, id)
        .map(NotificationJson::write)
        .orElseThrow(() -> Problem.notFound("Notification channel"));
  }

  @POST
  public Response create(JsonObject body) {
    Caller caller = access.require(Permissions.NOTIFICATIONS_MANAGE);
    try {
      ChannelView v =
          channels.create(caller, NotificationJson.readChannel(body, caller.superAdmin(), true));
      return Response.created(URI.create("notification-channels/" + v.id()))
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
      return channels
          .update(caller, id, NotificationJson.readChannel(body, false, false))
          .map(NotificationJson::write)
          .orElseThrow(() -> Problem.notFound("Notification channel"));
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
    if (!channels.delete(caller, id)) {
      throw Problem.notFound("Notification channel");
    }
    return Response.noContent().build();
  }

  /** Sends a test message now; 200 with {@code delivered} true or false and why. */
  @POST
  @Path("{id}/test")
  public JsonObject test(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.NOTIFICATIONS_MANAGE);
    try {
      return channels
          .test(caller, id)
          .map(NotificationJson::write)
          .orElseThrow(() -> Problem.notFound("Notification channel"));
    } catch (InvalidNotificationException e) {
      throw Problem.badRequest(e.getMessage() + ".");
    }
  }
}
