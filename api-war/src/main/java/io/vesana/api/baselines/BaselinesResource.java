package io.vesana.api.baselines;

import io.vesana.api.auth.Access;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.baselines.BaselineQueries;
import io.vesana.baselines.BaselineView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /v1/services/{id}/baselines}: per perfdata metric of the service, the baseline the
 * watcher last computed (mean, standard deviation, samples, window), the band mean ± k·σ, the
 * current value and whether it lies outside the band ({@code anomalous}). {@code k} is {@code
 * vesana.baselines.k} (default 3) unless the query names one (0.5..10). Not paged: one row per
 * metric of one service. Needs {@code hosts.read}; another tenant's service answers 404.
 */
@Path("services/{id}/baselines")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BaselinesResource {

  @Inject Access access;
  @Inject BaselineQueries baselines;

  @Inject
  @ConfigProperty(name = "vesana.baselines.k", defaultValue = "3")
  double defaultK;

  @GET
  public JsonObject get(@PathParam("id") long id, @QueryParam("k") Double k) {
    Caller caller = access.require(Permissions.HOSTS_READ);
    double factor = k == null ? defaultK : k;
    if (!(factor >= 0.5 && factor <= 10)) {
      throw Problem.badRequest("k must be between 0.5 and 10.");
    }
    JsonArrayBuilder items = Json.createArrayBuilder();
    baselines
        .ofService(caller, id)
        .orElseThrow(() -> Problem.notFound("Service"))
        .forEach(b -> items.add(write(b, factor)));
    return Json.createObjectBuilder()
        .add("service_id", id)
        .add("k", factor)
        .add("items", items)
        .build();
  }

  private static JsonObject write(BaselineView b, double k) {
    JsonObjectBuilder o =
        Json.createObjectBuilder()
            .add("metric", b.metric())
            .add("samples", b.samples())
            .add("mean", b.mean())
            .add("stddev", b.stddev())
            .add("min", b.min())
            .add("max", b.max())
            .add("lower", b.lower(k))
            .add("upper", b.upper(k))
            .add("window_start", b.windowStart().toString())
            .add("window_end", b.windowEnd().toString())
            .add("computed_at", b.computedAt().toString())
            .add("anomalous", b.anomalous(k));
    if (b.current() == null) {
      o.addNull("current").addNull("current_at");
    } else {
      o.add("current", b.current()).add("current_at", b.currentAt().toString());
    }
    return o.build();
  }
}
