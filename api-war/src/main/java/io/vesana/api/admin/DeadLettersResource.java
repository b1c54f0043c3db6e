package io.vesana.api.admin;

import io.vesana.api.auth.Access;
import io.vesana.api.problems.Problem;
import io.vesana.ingest.DeadLetter;
import io.vesana.ingest.DeadLetters;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code /v1/admin/dead-letters}: ingest entries the workers gave up on, with the reason; list
 * (paged by stream id), count, replay onto the ingest stream, delete. Super admins only: the
 * dead-letter stream is one for the whole installation.
 */
@Path("admin/dead-letters")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {

  private static final Pattern STREAM_ID = Pattern.compile("\\d{1,20}-\\d{1,20}");

  @Inject Access access;
  @Inject DeadLetters deadLetters;

  @GET
  public JsonObject list(
      @QueryParam("after") String after, @QueryParam("limit") @DefaultValue("100") int limit) {
    access.requireSuperAdmin();
    if (limit < 1 || limit > DeadLetters.MAX_PAGE) {
      throw Problem.badRequest("limit must be between 1 and " + DeadLetters.MAX_PAGE + ".");
    }
    if (after != null) {
      requireStreamId(after);
    }
    List<DeadLetter> page = deadLetters.list(after, limit);
    JsonArrayBuilder items = Json.createArrayBuilder();
    page.forEach(d -> items.add(write(d)));
    var out = Json.createObjectBuilder().add("items", items).add("total", deadLetters.count());
    if (page.size() == limit) {
      out.add("next_after", page.get(page.size() - 1).id());
    } else {
      out.addNull("next_after");
    }
    return out.build();
  }

  @POST
  @Path("{id}/replay")
  public JsonObject replay(@PathParam("id") String id) {
    access.requireSuperAdmin();
    requireStreamId(id);
    String queued = deadLetters.replay(id).orElseThrow(() -> Problem.notFound("Dead letter " + id));
    return Json.createObjectBuilder().add("replayed", id).add("queued_as", queued).build();
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    access.requireSuperAdmin();
    requireStreamId(id);
    if (!deadLetters.delete(id)) {
      throw Problem.notFound("Dead letter " + id);
    }
    return Response.noContent().build();
  }

  private static void requireStreamId(String id) {
    if (!STREAM_ID.matcher(id).matches()) {
      throw Problem.badRequest("A dead letter id is a Redis stream id such as 1700000000000-0.");
    }
  }

  private static JsonObject write(DeadLetter d) {
    JsonObjectBuilder fields = Json.createObjectBuilder();
    d.fields().forEach(fields::add);
    return Json.createObjectBuilder()
        .add("id", d.id())
        .add("reason", d.reason() == null ? "" : d.reason())
        .add("failed_at", d.failedAt() == null ? "" : d.failedAt())
        .add("deliveries", d.deliveries())
        .add("fields", fields)
        .build();
  }
}
