package io.vesana.api;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.api.ApiSurface.Operation;
import java.io.File;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenant isolation over every endpoint, driven by the OpenAPI document: each operation with an id
 * in its path is called by tenant A's admin with tenant B's ids (and, under a nested path, with A's
 * parent and B's child) and must answer 404 problem+json, exactly as for an id that does not exist,
 * without any of B's planted marker text; B's objects must read the same afterwards. An operation
 * the tables below do not know fails the test, so a new endpoint cannot skip the matrix.
 */
@ExtendWith(ArquillianExtension.class)
class IsolationMatrixIT {

  /**
   * Which seeded object ({@link TenantObjects}) a path parameter names, by the segment before it.
   */
  static final Map<String, String> KIND =
      Map.ofEntries(
          entry("agent-tokens/{id}", "agent_token"),
          entry("agents/{id}", "agent"),
          entry("alerts/{id}", "alert"),
          entry("api-keys/{id}", "api_key"),
          entry("checks/{id}", "profile_check"),
          entry("collectors/{id}", "collector"),
          entry("downtimes/{id}", "downtime"),
          entry("host-groups/{id}", "host_group"),
          entry("hosts/{hostId}", "host"),
          entry("hosts/{id}", "host"),
          entry("notification-channels/{id}", "channel"),
          entry("notification-rules/{id}", "rule"),
          entry("pages/{id}", "wiki_page"),
          entry("profiles/{id}", "profile"),
          entry("profiles/{profileId}", "profile"),
          entry("revisions/{revision}", "wiki_revision"),
          entry("roles/{id}", "role"),
          entry("services/{id}", "service"),
          entry("tenants/{id}", "tenant"),
          entry("users/{id}", "user"));

  /** Numbers that count within their parent rather than ids: A's page has a revision 1 too. */
  static final Set<String> RELATIVE = Set.of("wiki_revision");

  /** Operations outside the matrix, and why. */
  static final Map<String, String> EXCLUDED =
      Map.of(
          // The id is an entry of the shared ingest stream, which belongs to no tenant; super
          // admins only (ApiIT covers the 403 for a tenant admin).
          "DELETE /v1/admin/dead-letters/{id}", "no tenant",
          "POST /v1/admin/dead-letters/{id}/replay", "no tenant");

  /** Only a super admin may call these: a tenant admin gets 403 whatever the id. */
  static final Set<String> SUPER_ADMIN_ONLY = Set.of("PATCH /v1/tenants/{id}");

  /**
   * A body that tenant A's admin could send on A's own object, so that the only thing wrong with
   * the request is B's id. {@code ${kind}} is A's object of that kind, {@code ${unique}} a fresh
   * name, {@code ${now}} and {@code ${later}} instants.
   */
  static final Map<String, String> BODY =
      Map.ofEntries(
          entry("POST /v1/alerts/{id}/acknowledge", "{\"comment\":\"${unique}\"}"),
          entry("POST /v1/alerts/{id}/comments", "{\"comment\":\"${unique}\"}"),
          entry(
              "PUT /v1/downtimes/{id}",
              "{\"scope\":\"host\",\"host_id\":${host},\"starts_at\":\"${now}\","
                  + "\"ends_at\":\"${later}\",\"comment\":\"${unique}\"}"),
          entry("PUT /v1/host-groups/{id}", "{\"name\":\"${unique}\"}"),
          entry("PUT /v1/hosts/{id}", "{\"name\":\"${unique}\"}"),
          entry(
              "POST /v1/hosts/{hostId}/services",
              "{\"name\":\"${unique}\",\"kind\":\"ping\",\"settings\":{}}"),
          entry(
              "PUT /v1/hosts/{hostId}/services/{id}",
              "{\"name\":\"${unique}\",\"kind\":\"ping\",\"settings\":{}}"),
          entry(
              "PUT /v1/notification-channels/{id}",
              "{\"name\":\"${unique}\",\"kind\":\"webhook\","
                  + "\"settings\":{\"url\":\"https://hooks.example/a\"}}"),
          entry(
              "PUT /v1/notification-rules/{id}",
              "{\"name\":\"${unique}\",\"channel_id\":${channel}}"),
          entry("PUT /v1/profiles/{id}", "{\"name\":\"${unique}\"}"),
          entry(
              "POST /v1/profiles/{profileId}/checks", "{\"name\":\"${unique}\",\"kind\":\"ping\"}"),
          entry(
              "PUT /v1/profiles/{profileId}/checks/{id}",
              "{\"name\":\"${unique}\",\"kind\":\"ping\"}"),
          entry("PUT /v1/roles/{id}", "{\"name\":\"${unique}\",\"permissions\":[]}"),
          entry("PUT /v1/settings", "{\"values\":{\"checks.default_interval_seconds\":120}}"),
          entry("PATCH /v1/tenants/{id}", "{\"name\":\"${unique}\"}"),
          entry("PUT /v1/users/{id}/roles", "{\"roles\":[\"viewer\"]}"),
          entry(
              "PUT /v1/wiki/pages/{id}",
              "{\"slug\":\"${unique}\",\"title\":\"${unique}\",\"version\":0}"));

  /**
   * Which seeded object a query parameter named like an id filters by ({@code GET
   * /agents?host_id=}): B's id there must answer as an id that does not exist, never B's rows.
   */
  static final Map<String, String> QUERY_KIND =
      Map.ofEntries(
          entry("actorId", "admin_user"),
          entry("channel_id", "channel"),
          entry("hostGroupId", "host_group"),
          entry("hostId", "host"),
          entry("host_id", "host"),
          entry("parent_id", "host_group"),
          entry("serviceId", "service"),
          entry("service_id", "service"),
          entry("tenant_id", "tenant"));

  /** Query parameters named like ids that are not filters: keyset cursors. */
  static final Set<String> CURSORS = Set.of("before_id");

  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS);

  /** Query parameters an operation requires before it looks at an id, fixed so answers compare. */
  static final Map<String, String> QUERY =
      Map.of(
          "GET /v1/services/{id}/series",
          "metric=m&from=" + T0.minus(1, ChronoUnit.DAYS) + "&to=" + T0.plus(1, ChronoUnit.DAYS),
          "GET /v1/reports/availability",
          "from=" + T0.minus(1, ChronoUnit.DAYS) + "&to=" + T0.plus(1, ChronoUnit.DAYS));

  /** No object has this id, in any tenant. */
  static final long GHOST = 987_654_321L;

  private static TenantObjects acme;
  private static TenantObjects globex;
  private static final AtomicInteger UNIQUE = new AtomicInteger();

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive war() throws Exception {
    ApiFixture.prepare();
    return ShrinkWrap.create(ZipImporter.class, "vesana-api.war")
        .importFrom(new File("target/vesana-api.war"))
        .as(WebArchive.class);
  }

  private ApiClient client;

  @BeforeEach
  void seed() throws Exception {
    client = new ApiClient(base);
    ApiFixture.seed();
    synchronized (IsolationMatrixIT.class) {
      if (acme == null) {
        acme = TenantObjects.seed(client, ApiFixture.ADMIN_A, "acme");
        globex = TenantObjects.seed(client, ApiFixture.ADMIN_B, "globex");
      }
    }
  }

  List<Operation> operations() throws Exception {
    HttpResponse<String> doc = client.openApi();
    assertThat(doc.statusCode()).as(doc.body()).isEqualTo(200);
    return ApiSurface.fromOpenApi(ApiClient.json(doc));
  }

  // --- the document ----------------------------------------------------------------------------

  @Test
  void theOpenApiDocumentListsEveryResourceMethodAndNothingElse() throws Exception {
    Set<String> documented = new TreeSet<>();
    operations().forEach(o -> documented.add(o.key()));
    assertThat(documented)
        .as("operations in /openapi vs. JAX-RS resource methods in io.vesana.api")
        .isEqualTo(ApiSurface.fromJaxRs());
  }

  @Test
  void theMatrixKnowsEveryOperationWithAnIdInItsPathOrQuery() throws Exception {
    List<String> unknown = new ArrayList<>();
    for (Operation o : operations()) {
      if (EXCLUDED.containsKey(o.key())) {
        continue;
      }
      for (String p : o.parameters()) {
        if (!KIND.containsKey(p)) {
          unknown.add(
              o.key()
                  + ": path parameter "
                  + p
                  + " is not in IsolationMatrixIT.KIND; add which seeded object it names (and"
                  + " seed that kind in TenantObjects), or exclude the operation with a reason");
        }
      }
      for (String q : idQuery(o)) {
        if (!QUERY_KIND.containsKey(q)) {
          unknown.add(
              o.key()
                  + ": query parameter "
                  + q
                  + " looks like an id; add which seeded object it names to"
                  + " IsolationMatrixIT.QUERY_KIND (or to CURSORS if it is not a filter)");
        }
      }
      if (o.hasBody() && inMatrix(o) && !BODY.containsKey(o.key())) {
        unknown.add(
            o.key() + ": takes a body; add one valid for tenant A to IsolationMatrixIT.BODY");
      }
    }
    assertThat(unknown).as(String.join("\n", unknown)).isEmpty();
  }

  private static List<String> idQuery(Operation o) {
    return o.query().stream()
        .filter(q -> (q.endsWith("_id") || q.endsWith("Id")) && !CURSORS.contains(q))
        .toList();
  }

  private static boolean inMatrix(Operation o) {
    return !EXCLUDED.containsKey(o.key()) && (!o.parameters().isEmpty() || !idQuery(o).isEmpty());
  }

  // --- the matrix ------------------------------------------------------------------------------

  /**
   * One request of the matrix: path parameters ({@code "hosts/{id}"} → id) and id query parameters,
   * of which those in {@code foreign} hold B's ids.
   */
  record Call(Operation op, Map<String, Long> path, Map<String, Long> query, Set<String> foreign) {

    /** The same request with an id that does not exist in place of each of B's. */
    Call ghost() {
      Map<String, Long> p = new LinkedHashMap<>(path);
      Map<String, Long> q = new LinkedHashMap<>(query);
      foreign.forEach(k -> (p.containsKey(k) ? p : q).put(k, GHOST));
      return new Call(op, p, q, Set.of());
    }

    String url() {
      String url = op.path().replaceFirst("^/v1/", "");
      for (var e : path.entrySet()) {
        String param = e.getKey().substring(e.getKey().indexOf('/') + 1);
        url = url.replace(e.getKey(), e.getKey().replace(param, Long.toString(e.getValue())));
      }
      List<String> query = new ArrayList<>();
      if (QUERY.containsKey(op.key())) {
        query.add(QUERY.get(op.key()));
      }
      this.query.forEach((k, v) -> query.add(k + "=" + v));
      return query.isEmpty() ? url : url + "?" + String.join("&", query);
    }

    boolean foreignPath() {
      return foreign.stream().anyMatch(path::containsKey);
    }
  }

  @Test
  void anotherTenantsIdsAnswerAsIdsThatDoNotExistAndChangeNothing() throws Exception {
    String a = client.token(ApiFixture.ADMIN_A);
    String b = client.token(ApiFixture.ADMIN_B);
    List<Call> calls = new ArrayList<>();
    operations().stream().filter(IsolationMatrixIT::inMatrix).forEach(o -> calls.addAll(calls(o)));
    // Deletes last: one that wrongly succeeded would make later answers 404 for a reason.
    calls.sort(Comparator.comparing((Call c) -> c.op().method().equals("DELETE")));
    assertThat(calls).as("the document has operations with ids").hasSizeGreaterThan(60);

    List<String> failures = new ArrayList<>();
    Map<String, String> before = readAsOwner(calls, b, failures);
    for (Call c : calls) {
      check(c, a, failures);
    }
    Map<String, String> after = readAsOwner(calls, b, new ArrayList<>());
    before.forEach(
        (url, body) -> {
          if (!body.equals(after.get(url))) {
            failures.add("GET " + url + " as B changed: " + body + " → " + after.get(url));
          }
        });
    assertThat(failures)
        .as("%d calls as A with B's ids; failures:%n%s", calls.size(), String.join("\n", failures))
        .isEmpty();
  }

  /**
   * B's ids in every path parameter; under a nested path also A's parents with B's child; each id
   * query parameter on its own with B's id (path parameters A's own).
   */
  private static List<Call> calls(Operation o) {
    List<Call> out = new ArrayList<>();
    List<String> params = o.parameters();
    if (!params.isEmpty()) {
      out.add(new Call(o, ids(params, globex), Map.of(), Set.copyOf(params)));
      String child = params.get(params.size() - 1);
      if (params.size() > 1 && !RELATIVE.contains(KIND.get(child))) {
        Map<String, Long> mixed = ids(params, acme);
        mixed.put(child, globex.id(KIND.get(child)));
        out.add(new Call(o, mixed, Map.of(), Set.of(child)));
      }
    }
    for (String q : idQuery(o)) {
      out.add(new Call(o, ids(params, acme), Map.of(q, globex.id(QUERY_KIND.get(q))), Set.of(q)));
    }
    return out;
  }

  private static Map<String, Long> ids(List<String> params, TenantObjects tenant) {
    Map<String, Long> ids = new LinkedHashMap<>();
    params.forEach(p -> ids.put(p, tenant.id(KIND.get(p))));
    return ids;
  }

  /** The control: B reads its own objects (200, so the seeded ids are right), kept to compare. */
  private Map<String, String> readAsOwner(List<Call> calls, String b, List<String> failures)
      throws Exception {
    Map<String, String> bodies = new LinkedHashMap<>();
    for (Call c : calls) {
      if (c.op().method().equals("GET")
          && c.foreign().size() == c.path().size() + c.query().size()) {
        HttpResponse<String> r = client.send("GET", c.url(), b, null);
        if (r.statusCode() != 200) {
          failures.add("control: B's own GET " + c.url() + " → " + r.statusCode() + " " + r.body());
        }
        bodies.put(c.url(), r.body());
      }
    }
    return bodies;
  }

  private void check(Call c, String a, List<String> failures) throws Exception {
    String body = body(c.op());
    HttpResponse<String> r = client.send(c.op().method(), c.url(), a, body);
    HttpResponse<String> missing = client.send(c.op().method(), c.ghost().url(), a, body);
    String what = c.op().method() + " " + c.url() + " as A (" + c.op().key() + ")";
    if (r.body().contains(globex.marker)) {
      failures.add(what + " leaks B's data: " + r.body());
    }
    if (r.statusCode() >= 500) {
      failures.add(what + " → " + r.statusCode() + " " + r.body());
    } else if (c.foreignPath()) {
      int expected = SUPER_ADMIN_ONLY.contains(c.op().key()) ? 403 : 404;
      String type = r.headers().firstValue("Content-Type").orElse("");
      if (r.statusCode() != expected || !type.startsWith("application/problem+json")) {
        failures.add(
            what + " → " + r.statusCode() + " " + type + " (want " + expected + ") " + r.body());
      }
    }
    if (r.statusCode() != missing.statusCode() || !r.body().equals(missing.body())) {
      failures.add(
          what
              + " answers unlike an id that does not exist: "
              + r.statusCode()
              + " "
              + r.body()
              + " vs "
              + missing.statusCode()
              + " "
              + missing.body());
    }
  }

  private static String body(Operation o) {
    String template = BODY.get(o.key());
    if (template == null) {
      return null;
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String body =
        template
            .replace("${unique}", "acme-write-" + UNIQUE.incrementAndGet())
            .replace("${now}", now.toString())
            .replace("${later}", now.plus(1, ChronoUnit.HOURS).toString());
    for (var e : acme.ids().entrySet()) {
      body = body.replace("${" + e.getKey() + "}", Long.toString(e.getValue()));
    }
    return body;
  }
}
