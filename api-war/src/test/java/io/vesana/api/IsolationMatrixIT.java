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
          entry("PATCH /v1/tenants/{id}", "{\"name\":\"${unique}\"}"),
          entry("PUT /v1/users/{id}/roles", "{\"roles\":[\"viewer\"]}"),
          entry(
              "PUT /v1/wiki/pages/{id}",
              "{\"slug\":\"${unique}\",\"title\":\"${unique}\",\"version\":0}"));

  /** Query parameters an operation requires before it looks at the id. */
  static final Map<String, String> QUERY = Map.of("GET /v1/services/{id}/series", "?metric=m");

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

  ApiClient api() {
    return new ApiClient(base);
  }

  @BeforeEach
  void seed() throws Exception {
    ApiFixture.seed();
    synchronized (IsolationMatrixIT.class) {
      if (acme == null) {
        acme = TenantObjects.seed(api(), api().token(ApiFixture.ADMIN_A), "acme");
        globex = TenantObjects.seed(api(), api().token(ApiFixture.ADMIN_B), "globex");
      }
    }
  }

  List<Operation> operations() throws Exception {
    HttpResponse<String> doc = api().openApi();
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
  void theMatrixKnowsEveryOperationWithAnIdInItsPath() throws Exception {
    List<String> unknown = new ArrayList<>();
    for (Operation o : operations()) {
      if (o.parameters().isEmpty() || EXCLUDED.containsKey(o.key())) {
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
      if (o.hasBody() && !BODY.containsKey(o.key())) {
        unknown.add(
            o.key() + ": takes a body; add one valid for tenant A to IsolationMatrixIT.BODY");
      }
    }
    assertThat(unknown).as(String.join("\n", unknown)).isEmpty();
  }

  // --- the matrix ------------------------------------------------------------------------------

  @Test
  void anotherTenantsIdsAnswer404OnEveryOperationAndChangeNothing() throws Exception {
    String a = api().token(ApiFixture.ADMIN_A);
    String b = api().token(ApiFixture.ADMIN_B);
    List<Operation> matrix =
        operations().stream()
            .filter(o -> !o.parameters().isEmpty() && !EXCLUDED.containsKey(o.key()))
            .filter(o -> o.parameters().stream().allMatch(KIND::containsKey))
            // Deletes last: one that wrongly succeeded would make later answers 404 for a reason.
            .sorted(Comparator.comparing((Operation o) -> o.method().equals("DELETE")))
            .toList();
    assertThat(matrix).as("the document has operations with ids").hasSizeGreaterThan(40);

    List<String> failures = new ArrayList<>();
    Map<String, String> before = readAsOwner(matrix, b, failures);
    int calls = 0;
    for (Operation o : matrix) {
      for (Map<String, Long> ids : variants(o)) {
        check(o, ids, a, failures);
        calls++;
      }
    }
    Map<String, String> after = readAsOwner(matrix, b, new ArrayList<>());
    before.forEach(
        (path, body) -> {
          if (!body.equals(after.get(path))) {
            failures.add(
                "GET "
                    + path
                    + " as B changed:\n  before "
                    + body
                    + "\n  after  "
                    + after.get(path));
          }
        });
    assertThat(failures)
        .as("%d calls as A with B's ids; failures:%n%s", calls, String.join("\n", failures))
        .isEmpty();
  }

  /** The control: B reads each of its objects (200, so the seeded ids are right), for later. */
  private Map<String, String> readAsOwner(List<Operation> matrix, String b, List<String> failures)
      throws Exception {
    Map<String, String> bodies = new LinkedHashMap<>();
    for (Operation o : matrix) {
      if (o.method().equals("GET")) {
        String path = path(o, ownIds(o, globex));
        HttpResponse<String> r = api().send("GET", path, b, null);
        if (r.statusCode() != 200) {
          failures.add("control: B's own GET " + path + " → " + r.statusCode() + " " + r.body());
        }
        bodies.put(path, r.body());
      }
    }
    return bodies;
  }

  /** B's ids for every parameter; under a nested path also A's parents with B's child. */
  private static List<Map<String, Long>> variants(Operation o) {
    List<Map<String, Long>> out = new ArrayList<>();
    out.add(ownIds(o, globex));
    List<String> params = o.parameters();
    String last = KIND.get(params.get(params.size() - 1));
    if (params.size() > 1 && !RELATIVE.contains(last)) {
      Map<String, Long> mixed = ownIds(o, acme);
      mixed.put(params.get(params.size() - 1), globex.id(last));
      out.add(mixed);
    }
    return out;
  }

  private static Map<String, Long> ownIds(Operation o, TenantObjects tenant) {
    Map<String, Long> ids = new LinkedHashMap<>();
    o.parameters().forEach(p -> ids.put(p, tenant.id(KIND.get(p))));
    return ids;
  }

  private void check(Operation o, Map<String, Long> ids, String a, List<String> failures)
      throws Exception {
    Map<String, Long> ghost = new LinkedHashMap<>();
    ids.forEach((p, id) -> ghost.put(p, isB(p, id) ? GHOST : id));
    String body = body(o);
    String path = path(o, ids);
    HttpResponse<String> r = api().send(o.method(), path, a, body);
    HttpResponse<String> missing = api().send(o.method(), path(o, ghost), a, body);
    int expected = SUPER_ADMIN_ONLY.contains(o.key()) ? 403 : 404;
    String what = o.key() + " as A with " + ids + " (" + path + ")";
    if (r.statusCode() != expected) {
      failures.add(what + " → " + r.statusCode() + " (want " + expected + ") " + r.body());
    } else if (!r.headers()
        .firstValue("Content-Type")
        .orElse("")
        .startsWith("application/problem+json")) {
      failures.add(what + " → not problem+json: " + r.headers().map());
    } else if (r.statusCode() != missing.statusCode() || !r.body().equals(missing.body())) {
      failures.add(
          what
              + " answers unlike an id that does not exist: "
              + r.body()
              + " vs "
              + missing.body());
    }
    if (r.body().contains(globex.marker)) {
      failures.add(what + " leaks B's data: " + r.body());
    }
  }

  private static boolean isB(String param, long id) {
    return globex.id(KIND.get(param)) == id;
  }

  private static String path(Operation o, Map<String, Long> ids) {
    String path = o.path().replaceFirst("^/v1/", "");
    for (var e : ids.entrySet()) {
      String param = e.getKey().substring(e.getKey().indexOf('/') + 1);
      path = path.replace(e.getKey(), e.getKey().replace(param, Long.toString(e.getValue())));
    }
    return path + QUERY.getOrDefault(o.key(), "");
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
