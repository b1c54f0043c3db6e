package io.vesana.api.discovery;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.discovery.SuggestionBook;
import io.vesana.discovery.SuggestionDecidedException;
import io.vesana.discovery.SuggestionFilter;
import io.vesana.discovery.SuggestionView;
import io.vesana.hosts.HostNameTakenException;
import io.vesana.hosts.HostReferenceException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /v1/suggestions}: profiles suggested for discovered hosts. List (keyset paged; {@code
 * status}, default {@code suggested}, or {@code all}; {@code discovery_id}), read one, accept
 * (creates the host with the suggested profile and the scanning collector; optional body {@code
 * {"name", "host_group_id"}}), dismiss. Reading needs {@code hosts.read}; deciding needs {@code
 * discovery.run}, and accepting also {@code hosts.write}. A decided suggestion answers 409; one of
 * a tenant the caller cannot see 404.
 */
@Path("suggestions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SuggestionsResource {

  @Inject Access access;
  @Inject SuggestionBook suggestions;

  @GET
  public JsonObject list(
      @QueryParam("status") @DefaultValue("suggested") String status,
      @QueryParam("discovery_id") Long discoveryId,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.HOSTS_READ);
    KeysetPage.limit(limit);
    if (!"all".equals(status) && !SuggestionFilter.STATUSES.contains(status)) {
      throw Problem.badRequest("status must be suggested, accepted, rejected or all.");
    }
    SuggestionFilter filter =
        new SuggestionFilter("all".equals(status) ? null : status, discoveryId);
    return KeysetPage.of(
        suggestions.list(caller, filter, after, limit),
        limit,
        DiscoveryJson::write,
        SuggestionView::id);
  }

  @GET
  @Path("{id}")
  public JsonObject get(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.HOSTS_READ);
    return suggestions
        .get(caller, id)
        .map(DiscoveryJson::write)
        .orElseThrow(() -> Problem.notFound("Suggestion"));
  }

  @POST
  @Path("{id}/accept")
  public JsonObject accept(@PathParam("id") long id, JsonObject body) {
    Caller caller = access.require(Permissions.DISCOVERY_RUN);
    access.require(Permissions.HOSTS_WRITE);
    try {
      return suggestions
          .accept(caller, id, DiscoveryJson.readAccept(body))
          .map(DiscoveryJson::write)
          .orElseThrow(() -> Problem.notFound("Suggestion"));
    } catch (SuggestionDecidedException | HostNameTakenException e) {
      throw Problem.conflict(e.getMessage());
    } catch (HostReferenceException e) {
      throw Problem.badRequest(e.getMessage());
    }
  }

  @POST
  @Path("{id}/dismiss")
  public JsonObject dismiss(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.DISCOVERY_RUN);
    try {
      return suggestions
          .dismiss(caller, id)
          .map(DiscoveryJson::write)
          .orElseThrow(() -> Problem.notFound("Suggestion"));
    } catch (SuggestionDecidedException e) {
      throw Problem.conflict(e.getMessage());
    }
  }
}
