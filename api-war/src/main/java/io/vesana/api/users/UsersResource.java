package io.vesana.api.users;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.BodyFields;
import io.vesana.api.problems.Problem;
import io.vesana.api.roles.RoleJson;
import io.vesana.auth.BuiltInRole;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.auth.RoleAdministration;
import io.vesana.auth.RoleException;
import io.vesana.auth.UserAdministration;
import io.vesana.auth.UserView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /v1/users}: list, create (with a built-in role; the initial password is in the answer,
 * once), read, disable. Needs {@code users.manage}; other tenants' users answer 404.
 */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  @Inject Access access;
  @Inject UserAdministration users;
  @Inject RoleAdministration roles;

  @GET
  public JsonObject list(
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.USERS_MANAGE);
    KeysetPage.limit(limit);
    return KeysetPage.of(
        users.list(caller, after, limit), limit, UsersResource::write, UserView::id);
  }

  @GET
  @Path("{id}")
  public JsonObject get(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.USERS_MANAGE);
    return users
        .get(caller, id)
        .map(UsersResource::write)
        .orElseThrow(() -> Problem.notFound("User"));
  }

  @POST
  public Response create(JsonObject body) {
    Caller caller = access.require(Permissions.USERS_MANAGE);
    JsonObject b = BodyFields.only(body, Set.of("tenant_id", "email", "display_name", "role"));
    Long tenant = BodyFields.id(b, "tenant_id");
    if (tenant != null && !caller.superAdmin()) {
      throw BodyFields.invalid("tenant_id", "tenant_id can only be chosen by a super admin");
    }
    if (tenant == null && caller.superAdmin()) {
      throw BodyFields.invalid("tenant_id", "tenant_id is required for a super admin");
    }
    String email = BodyFields.string(b, "email", 320, true);
    if (!EMAIL.matcher(email).matches()) {
      throw BodyFields.invalid("email", "email must be an e-mail address");
    }
    String name = BodyFields.string(b, "display_name", 200, false);
    String roleName = BodyFields.string(b, "role", 40, true);
    BuiltInRole role =
        BuiltInRole.byName(roleName)
            .filter(r -> r != BuiltInRole.SUPER_ADMIN)
            .orElseThrow(
                () -> BodyFields.invalid("role", "role must be tenant_admin, operator or viewer"));
    try {
      UserAdministration.Created created =
          users.create(caller, tenant, email, name == null ? email : name, role);
      JsonObject out =
          Json.createObjectBuilder(write(created.user()))
              .add("initial_password", created.initialPassword())
              .build();
      return Response.created(URI.create("users/" + created.user().id()))
          .entity(out)
          .header("Cache-Control", "no-store")
          .build();
    } catch (UserAdministration.EmailTakenException e) {
      throw Problem.conflict(e.getMessage());
    }
  }

  /**
   * Replaces the user's roles: {@code {"roles": ["operator"], "role_ids": [12]}} (built-in names,
   * custom role ids of the user's tenant). Takes effect with the user's next access token.
   */
  @PUT
  @Path("{id}/roles")
  public JsonObject assignRoles(@PathParam("id") long id, JsonObject body) {
    Caller caller = access.require(Permissions.USERS_MANAGE);
    JsonObject b = BodyFields.only(body, Set.of("roles", "role_ids"));
    Set<BuiltInRole> builtIn = new HashSet<>();
    for (String name : RoleJson.strings(b, "roles", false)) {
      builtIn.add(
          BuiltInRole.byName(name)
              .filter(r -> r != BuiltInRole.SUPER_ADMIN)
              .orElseThrow(
                  () ->
                      BodyFields.invalid(
                          "roles", "roles must name tenant_admin, operator or viewer")));
    }
    Set<Long> custom = RoleJson.ids(b, "role_ids");
    if (builtIn.isEmpty() && custom.isEmpty()) {
      throw BodyFields.invalid("roles", "a user needs at least one role");
    }
    try {
      if (roles.assign(caller, id, builtIn, custom).isEmpty()) {
        throw Problem.notFound("User");
      }
    } catch (RoleException e) {
      throw RoleJson.problem(e);
    }
    return users.get(caller, id).map(UsersResource::write).orElseThrow();
  }

  @DELETE
  @Path("{id}")
  public Response disable(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.USERS_MANAGE);
    if (!users.disable(caller, id)) {
      throw Problem.notFound("User");
    }
    return Response.noContent().build();
  }

  static JsonObject write(UserView u) {
    JsonArrayBuilder roles = Json.createArrayBuilder();
    u.roles().forEach(roles::add);
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", u.id())
            .add("email", u.email())
            .add("display_name", u.displayName())
            .add("status", u.status())
            .add("roles", roles)
            .add("two_factor_enabled", u.twoFactorEnabled());
    if (u.tenantId() == null) {
      b.addNull("tenant_id");
    } else {
      b.add("tenant_id", u.tenantId());
    }
    if (u.lastLoginAt() == null) {
      b.addNull("last_login_at");
    } else {
      b.add("last_login_at", u.lastLoginAt().toString());
    }
    return b.add("created_at", u.createdAt().toString()).build();
  }
}
