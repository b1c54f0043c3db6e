package io.vesana.api.tenants;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.BodyFields;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.tenancy.TenantAdministration;
import io.vesana.tenancy.TenantView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Set;

/**
 * {@code /v1/tenants}: super admins create, rename, suspend, resume and delete (soft) tenants; any
 * logged-in user can read the tenants they belong to or may read.
 */
@Path("tenants")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantsResource {

  private static final Set<String> STATUSES = Set.of("active", "suspended", "deleted");

  @Inject Access access;
  @Inject TenantAdministration tenants;

  @GET
  public JsonObject list(
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.caller();
    KeysetPage.limit(limit);
    return KeysetPage.of(
        tenants.list(caller, after, limit), limit, TenantsResource::write, TenantView::id);
  }

  @GET
  @Path("{id}")
  public JsonObject get(@PathParam("id") long id) {
    Caller caller = access.caller();
    return tenants
        .get(caller, id)
        .map(TenantsResource::write)
        .orElseThrow(() -> Problem.notFound("Tenant"));
  }

  @POST
  public Response create(JsonObject body) {
    Caller caller = access.requireSuperAdmin();
    JsonObject b = BodyFields.only(body, Set.of("slug", "name"));
    String slug = BodyFields.string(b, "slug", 63, true);
    if (!TenantAdministration.SLUG.matcher(slug).matches()) {
      throw BodyFields.invalid(
          "slug", "slug must be lowercase letters, digits and inner hyphens, at most 63");
    }
    String name = BodyFields.string(b, "name", 200, true);
    try {
      TenantView t = tenants.create(caller, slug, name);
      return Response.created(URI.create("tenants/" + t.id())).entity(write(t)).build();
    } catch (TenantAdministration.SlugTakenException e) {
      throw Problem.conflict(e.getMessage());
    }
  }

  @PATCH
  @Path("{id}")
  public JsonObject update(@PathParam("id") long id, JsonObject body) {
    Caller caller = access.requireSuperAdmin();
    JsonObject b = BodyFields.only(body, Set.of("name", "status"));
    String name = BodyFields.string(b, "name", 200, false);
    String status = BodyFields.string(b, "status", 20, false);
    if (status != null && !STATUSES.contains(status)) {
      throw BodyFields.invalid("status", "status must be active, suspended or deleted");
    }
    return tenants
        .update(caller, id, name, status)
        .map(TenantsResource::write)
        .orElseThrow(() -> Problem.notFound("Tenant"));
  }

  static JsonObject write(TenantView t) {
    return Json.createObjectBuilder()
        .add("id", t.id())
        .add("slug", t.slug())
        .add("name", t.name())
        .add("status", t.status())
        .add("created_at", t.createdAt().toString())
        .build();
  }
}
