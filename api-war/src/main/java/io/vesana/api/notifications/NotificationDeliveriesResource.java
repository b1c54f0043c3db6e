package io.vesana.api.notifications;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.notifications.DeliveryFilter;
import io.vesana.notifications.DeliveryLog;
import io.vesana.notifications.DeliveryStatus;
import io.vesana.notifications.DeliveryView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /v1/notification-deliveries}: the delivery log, keyset paged, filtered by {@code
 * alert_id}, {@code channel_id}, {@code status}. Read-only; needs {@code alerts.read} like the
 * alerts it is about.
 */
@Path("notification-deliveries")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class NotificationDeliveriesResource {

  @Inject Access access;
  @Inject DeliveryLog deliveries;

  @GET
  public JsonObject list(
      @QueryParam("alert_id") Long alertId,
      @QueryParam("channel_id") Long channelId,
      @QueryParam("status") String status,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.ALERTS_READ);
    KeysetPage.limit(limit);
    DeliveryStatus s = status == null ? null : DeliveryStatus.ofOrNull(status);
    if (status != null && s == null) {
      throw Problem.badRequest(
          "status must be one of queued, sent, failed_temporary, failed_permanent, cancelled.");
    }
    DeliveryFilter f = new DeliveryFilter(alertId, channelId, s);
    return KeysetPage.of(
        deliveries.list(caller, f, after, limit), limit, DeliveryJson::write, DeliveryView::id);
  }
}
