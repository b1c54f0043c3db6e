package io.vesana.api.credentials;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.BodyFields;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.credentials.CredentialException;
import io.vesana.credentials.CredentialView;
import io.vesana.credentials.Credentials;
import io.vesana.credentials.IssuedCredential;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
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
import java.util.Set;

/**
 * {@code /v1/agent-tokens}: create (the token is in this one answer, never again), list (prefix,
 * host, last use), revoke. Needs {@code collectors.manage}.
 */
@Path("agent-tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentTokensResource {

  @Inject Access access;
  @Inject Credentials credentials;

  @POST
  public Response create(JsonObject body) {
    Caller caller = access.require(Permissions.COLLECTORS_MANAGE);
    JsonObject b =
        BodyFields.only(body, Set.of("tenant_id", "description", "host_id", "expires_at"));
    Long tenant = BodyFields.id(b, "tenant_id");
    if (tenant != null && !caller.superAdmin()) {
      throw BodyFields.invalid("tenant_id", "tenant_id can only be chosen by a super admin");
    }
    try {
      IssuedCredential issued =
          credentials.issueAgentToken(
              caller,
              tenant,
              BodyFields.string(b, "description", 200, false),
              BodyFields.id(b, "host_id"),
              BodyFields.futureTime(b, "expires_at"));
      return Response.status(201)
          .entity(CredentialJson.issued(issued, "token"))
          .header("Cache-Control", "no-store")
          .build();
    } catch (CredentialException e) {
      if (e.invalidReference()) {
        throw BodyFields.invalid("host_id", e.getMessage());
      }
      throw e;
    }
  }

  @GET
  public JsonObject list(
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.COLLECTORS_MANAGE);
    KeysetPage.limit(limit);
    JsonArrayBuilder items = Json.createArrayBuilder();
    return KeysetPage.of(
        credentials.agentTokens(caller, after, limit),
        limit,
        CredentialJson::write,
        CredentialView::id);
  }

  @DELETE
  @Path("{id}")
  public Response revoke(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.COLLECTORS_MANAGE);
    if (!credentials.revokeAgentToken(caller, id)) {
      throw Problem.notFound("Agent token");
    }
    return Response.noContent().build();
  }
}
