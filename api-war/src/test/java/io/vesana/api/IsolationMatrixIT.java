package io.vesana.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.api.ApiSurface.Operation;
import io.vesana.api.IsolationMatrix.Call;
import java.io.File;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * without any of B's planted marker text. An id in a query filter ({@code ?host_id=}) must likewise
 * answer exactly as a non-existent id. B's objects must read the same afterwards. The tables are in
 * {@link IsolationMatrix}; an operation they do not cover fails the test, so a new endpoint cannot
 * skip the matrix. Both tenants get one object of every kind ({@link TenantObjects}).
 */
@ExtendWith(ArquillianExtension.class)
class IsolationMatrixIT {

  private static TenantObjects acme;
  private static TenantObjects globex;

  @ArquillianResource URL base;

  private ApiClient client;

  @Deployment(testable = false)
  static WebArchive war() throws Exception {
    ApiFixture.prepare();
    return ShrinkWrap.create(ZipImporter.class, "vesana-api.war")
        .importFrom(new File("target/vesana-api.war"))
        .as(WebArchive.class);
  }

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

  @Test
  void theOpenApiDocumentListsEveryResourceMethodAndNothingElse() throws Exception {
    Set<String> documented = new TreeSet<>();
    operations().forEach(o -> documented.add(o.key()));
    assertThat(documented)
        .as("operations in /openapi vs. JAX-RS resource methods in io.vesana.api")
        .isEqualTo(ApiSurface.fromJaxRs());
  }

  @Test
  void theMatrixCoversEveryOperationWithAnIdInItsPathOrQuery() throws Exception {
    List<String> gaps = IsolationMatrix.gaps(operations());
    assertThat(gaps).as(String.join("\n", gaps)).isEmpty();
  }

  @Test
  void anotherTenantsIdsAnswerAsIdsThatDoNotExistAndChangeNothing() throws Exception {
    String a = client.token(ApiFixture.ADMIN_A);
    String b = client.token(ApiFixture.ADMIN_B);
    List<Call> calls = new ArrayList<>();
    for (Operation o : operations()) {
      if (IsolationMatrix.inMatrix(o)) {
        calls.addAll(IsolationMatrix.calls(o, acme, globex));
      }
    }
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

  @Test
  void tenantAsListsCarryNoneOfBsObjects() throws Exception {
    String a = client.token(ApiFixture.ADMIN_A);
    String b = client.token(ApiFixture.ADMIN_B);
    List<String> failures = new ArrayList<>();
    int seenByB = 0;
    for (Operation o : operations()) {
      if (!o.method().equals("GET") || !o.parameters().isEmpty()) {
        continue;
      }
      String url = new Call(o, Map.of(), Map.of(), Set.of()).url();
      HttpResponse<String> r = client.send("GET", url, a, null);
      if (r.statusCode() >= 500 || r.body().contains(globex.marker)) {
        failures.add("GET " + url + " as A → " + r.statusCode() + " " + r.body());
      }
      if (client.send("GET", url, b, null).body().contains(globex.marker)) {
        seenByB++;
      }
    }
    assertThat(failures).as(String.join("\n", failures)).isEmpty();
    // The control: the marker search has teeth, B's own lists show B's objects.
    assertThat(seenByB).as("lists in which B sees its own marker").isGreaterThanOrEqualTo(10);
  }

  @Test
  void anotherTenantsIdsInABodyAreRefusedLikeIdsThatDoNotExist() throws Exception {
    String a = client.token(ApiFixture.ADMIN_A);
    Map<String, Operation> byKey = new HashMap<>();
    operations().forEach(o -> byKey.put(o.key(), o));
    List<String> failures = new ArrayList<>();
    for (var e : ForeignReferences.BODIES.entrySet()) {
      Operation o = byKey.get(e.getKey());
      if (o == null) {
        failures.add(e.getKey() + ": in ForeignReferences but not in /openapi; remove it");
        continue;
      }
      String url = new Call(o, IsolationMatrix.ids(o.parameters(), acme), Map.of(), Set.of()).url();
      for (String template : e.getValue()) {
        probe(o, url, template, a, failures);
      }
    }
    assertThat(failures).as(String.join("\n", failures)).isEmpty();
  }

  /** One body of {@link ForeignReferences}: A's own ids succeed, B's are refused as a ghost's. */
  private void probe(Operation o, String url, String template, String a, List<String> failures)
      throws Exception {
    if (!ForeignReferences.NO_CONTROL.contains(o.key())) {
      HttpResponse<String> own =
          client.send(o.method(), url, a, ForeignReferences.body(template, acme, acme, null));
      if (own.statusCode() >= 300) {
        failures.add("control: " + o.key() + " with A's ids → " + own.statusCode() + own.body());
      }
    }
    String body = ForeignReferences.body(template, acme, globex, null);
    HttpResponse<String> r = client.send(o.method(), url, a, body);
    HttpResponse<String> missing =
        client.send(
            o.method(),
            url,
            a,
            ForeignReferences.body(template, acme, globex, IsolationMatrix.GHOST));
    String what = o.key() + " as A with " + body;
    String answer = blank(r.body(), ForeignReferences.foreignId(template, globex));
    if (r.statusCode() < 400 || r.statusCode() >= 500 || r.body().contains(globex.marker)) {
      failures.add(what + " → " + r.statusCode() + " " + r.body());
    } else if (r.statusCode() != missing.statusCode()
        || !answer.equals(blank(missing.body(), IsolationMatrix.GHOST))) {
      failures.add(
          what
              + " answers unlike an id that does not exist: "
              + r.body()
              + " vs "
              + missing.body());
    }
  }

  private static String blank(String answer, long id) {
    return answer.replaceAll("\\b" + id + "\\b", "<id>");
  }

  /** The control: B reads its own objects (200, so the seeded ids are right), kept to compare. */
  private Map<String, String> readAsOwner(List<Call> calls, String b, List<String> failures)
      throws Exception {
    Map<String, String> bodies = new LinkedHashMap<>();
    for (Call c : calls) {
      if (c.op().method().equals("GET") && c.allForeign()) {
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
    String body = IsolationMatrix.body(c.op(), acme);
    HttpResponse<String> r = client.send(c.op().method(), c.url(), a, body);
    HttpResponse<String> missing = client.send(c.op().method(), c.ghost().url(), a, body);
    String what = c.op().method() + " " + c.url() + " as A (" + c.op().key() + ")";
    if (r.body().contains(globex.marker)) {
      failures.add(what + " leaks B's data: " + r.body());
    }
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (r.statusCode() >= 500) {
      failures.add(what + " → " + r.statusCode() + " " + r.body());
    } else if (c.foreignPath()
        && (r.statusCode() != c.expectedStatus() || !type.startsWith("application/problem+json"))) {
      failures.add(
          what
              + " → "
              + r.statusCode()
              + " "
              + type
              + " (want "
              + c.expectedStatus()
              + ") "
              + r.body());
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
}
