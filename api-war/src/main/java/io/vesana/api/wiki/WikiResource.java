package io.vesana.api.wiki;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.BodyFields;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.wiki.Wiki;
import io.vesana.wiki.WikiException;
import io.vesana.wiki.WikiPageView;
import io.vesana.wiki.WikiRevisionView;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * {@code /v1/wiki/pages}: list (keyset, no bodies) or, with {@code ?q=}, the best {@code limit} (at
 * most 50) ranked search hits with snippets; read, create, replace (with the version edited: 409 if
 * someone saved in between), delete; revisions. Reads need {@code wiki.read}, changes {@code
 * wiki.write}; other tenants' pages answer 404.
 */
@Path("wiki/pages")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WikiResource {

  static final int MAX_HITS = 50;

  @Inject Access access;
  @Inject Wiki wiki;

  @GET
  public JsonObject list(
      @QueryParam("q") String q,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("20") int limit) {
    Caller caller = access.require(Permissions.WIKI_READ);
    KeysetPage.limit(limit);
    if (q == null) {
      return KeysetPage.of(
          wiki.list(caller, after, limit), limit, WikiJson::write, WikiPageView::id);
    }
    if (q.isBlank() || q.length() > 200) {
      throw BodyFields.invalid("q", "q must be 1 to 200 characters");
    }
    JsonArrayBuilder items = Json.createArrayBuilder();
    wiki.search(caller, q, Math.min(limit, MAX_HITS)).forEach(h -> items.add(WikiJson.write(h)));
    return Json.createObjectBuilder().add("items", items).addNull("next_after").build();
  }

  @GET
  @Path("{id}")
  public JsonObject get(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.WIKI_READ);
    return wiki.get(caller, id).map(WikiJson::write).orElseThrow(() -> Problem.notFound("Page"));
  }

  @GET
  @Path("{id}/revisions")
  public JsonObject revisions(
      @PathParam("id") long id,
      @QueryParam("before") @DefaultValue("9223372036854775807") long before,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    Caller caller = access.require(Permissions.WIKI_READ);
    KeysetPage.limit(limit);
    List<WikiRevisionView> page =
        wiki.revisions(caller, id, before, limit).orElseThrow(() -> Problem.notFound("Page"));
    JsonArrayBuilder items = Json.createArrayBuilder();
    page.forEach(r -> items.add(WikiJson.write(r)));
    var out = Json.createObjectBuilder().add("items", items);
    if (page.size() == limit) {
      out.add("next_before", page.get(page.size() - 1).revision());
    } else {
      out.addNull("next_before");
    }
    return out.build();
  }

  @GET
  @Path("{id}/revisions/{revision}")
  public JsonObject revision(@PathParam("id") long id, @PathParam("revision") long revision) {
    Caller caller = access.require(Permissions.WIKI_READ);
    return wiki.revision(caller, id, revision)
        .map(WikiJson::write)
        .orElseThrow(() -> Problem.notFound("Revision"));
  }

  @POST
  public Response create(JsonObject body) {
    Caller caller = access.require(Permissions.WIKI_WRITE);
    try {
      WikiPageView p = wiki.create(caller, WikiJson.read(body, true, caller.superAdmin()));
      return Response.created(URI.create("wiki/pages/" + p.id())).entity(WikiJson.write(p)).build();
    } catch (WikiException e) {
      throw Problem.conflict(e.getMessage() + ".");
    }
  }

  @PUT
  @Path("{id}")
  public JsonObject replace(@PathParam("id") long id, JsonObject body) {
    Caller caller = access.require(Permissions.WIKI_WRITE);
    try {
      return wiki.update(caller, id, WikiJson.read(body, false, false))
          .map(WikiJson::write)
          .orElseThrow(() -> Problem.notFound("Page"));
    } catch (WikiException e) {
      throw Problem.conflict(e.getMessage() + ".");
    }
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) {
    Caller caller = access.require(Permissions.WIKI_WRITE);
    if (!wiki.delete(caller, id)) {
      throw Problem.notFound("Page");
    }
    return Response.noContent().build();
  }
}
