package io.vesana.api;

import static java.util.Map.entry;

import io.vesana.api.ApiSurface.Operation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tables of the tenant-isolation matrix ({@link IsolationMatrixIT}) and the calls they make of
 * an operation. Adding an endpoint with an id in its path or query means adding a line here (the IT
 * fails and says which); nothing is skipped silently.
 */
final class IsolationMatrix {

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
          entry("discoveries/{id}", "discovery"),
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
          entry("suggestions/{id}", "suggestion"),
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
          entry("POST /v1/suggestions/{id}/accept", "{\"name\":\"${unique}\"}"),
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
          entry("alert_id", "alert"),
          entry("collector_id", "collector"),
          entry("discovery_id", "discovery"),
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

  private static final AtomicInteger UNIQUE = new AtomicInteger();

  private IsolationMatrix() {}

  /** Everything about the operations the tables do not cover, or cover with stale entries. */
  static List<String> gaps(List<Operation> operations) {
    List<String> gaps = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (Operation o : operations) {
      keys.add(o.key());
      if (EXCLUDED.containsKey(o.key())) {
        continue;
      }
      for (String p : o.parameters()) {
        if (!KIND.containsKey(p)) {
          gaps.add(
              o.key()
                  + ": path parameter "
                  + p
                  + " is not in IsolationMatrix.KIND; add which seeded object it names (and seed"
                  + " that kind in TenantObjects), or exclude the operation with a reason");
        }
      }
      for (String q : idQuery(o)) {
        if (!QUERY_KIND.containsKey(q)) {
          gaps.add(
              o.key()
                  + ": query parameter "
                  + q
                  + " looks like an id; add which seeded object it filters by to"
                  + " IsolationMatrix.QUERY_KIND (or to CURSORS if it is not a filter)");
        }
      }
      if (o.hasBody() && inMatrix(o) && !BODY.containsKey(o.key())) {
        gaps.add(o.key() + ": takes a body; add one valid for tenant A to IsolationMatrix.BODY");
      }
    }
    List<String> listed = new ArrayList<>(EXCLUDED.keySet());
    listed.addAll(SUPER_ADMIN_ONLY);
    listed.addAll(BODY.keySet());
    listed.addAll(QUERY.keySet());
    listed.stream()
        .filter(k -> !keys.contains(k))
        .forEach(k -> gaps.add(k + ": in IsolationMatrix but no longer in /openapi; remove it"));
    return gaps;
  }

  /** Query parameters named like ids, except cursors. */
  static List<String> idQuery(Operation o) {
    return o.query().stream()
        .filter(q -> (q.endsWith("_id") || q.endsWith("Id")) && !CURSORS.contains(q))
        .toList();
  }

  static boolean inMatrix(Operation o) {
    return !EXCLUDED.containsKey(o.key()) && (!o.parameters().isEmpty() || !idQuery(o).isEmpty());
  }

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

    /** Relative to {@code /v1/}. */
    String url() {
      String url = op.path().replaceFirst("^/v1/", "");
      for (var e : path.entrySet()) {
        String param = e.getKey().substring(e.getKey().indexOf('/') + 1);
        url = url.replace(e.getKey(), e.getKey().replace(param, Long.toString(e.getValue())));
      }
      List<String> parts = new ArrayList<>();
      if (QUERY.containsKey(op.key())) {
        parts.add(QUERY.get(op.key()));
      }
      query.forEach((k, v) -> parts.add(k + "=" + v));
      return parts.isEmpty() ? url : url + "?" + String.join("&", parts);
    }

    boolean foreignPath() {
      return foreign.stream().anyMatch(path::containsKey);
    }

    /** Every id in it is B's: B's own request, the control. */
    boolean allForeign() {
      return foreign.size() == path.size() + query.size();
    }

    int expectedStatus() {
      return SUPER_ADMIN_ONLY.contains(op.key()) ? 403 : 404;
    }
  }

  /**
   * B's ids in every path parameter; under a nested path also A's parents with B's child; each id
   * query parameter on its own with B's id (path parameters A's own).
   */
  static List<Call> calls(Operation o, TenantObjects a, TenantObjects b) {
    List<Call> out = new ArrayList<>();
    List<String> params = o.parameters();
    if (!params.isEmpty()) {
      out.add(new Call(o, ids(params, b), Map.of(), Set.copyOf(params)));
      String child = params.get(params.size() - 1);
      if (params.size() > 1 && !RELATIVE.contains(KIND.get(child))) {
        Map<String, Long> mixed = ids(params, a);
        mixed.put(child, b.id(KIND.get(child)));
        out.add(new Call(o, mixed, Map.of(), Set.of(child)));
      }
    }
    for (String q : idQuery(o)) {
      out.add(new Call(o, ids(params, a), Map.of(q, b.id(QUERY_KIND.get(q))), Set.of(q)));
    }
    return out;
  }

  /** {@code tenant}'s objects for the path parameters. */
  static Map<String, Long> ids(List<String> params, TenantObjects tenant) {
    Map<String, Long> ids = new LinkedHashMap<>();
    params.forEach(p -> ids.put(p, tenant.id(KIND.get(p))));
    return ids;
  }

  /** The operation's {@link #BODY} filled in with A's objects, or null if it takes none. */
  static String body(Operation o, TenantObjects a) {
    String template = BODY.get(o.key());
    return template == null ? null : fill(template, a);
  }

  /**
   * {@code ${kind}} → A's object of that kind; {@code ${unique}}, {@code ${now}}, {@code ${later}}.
   */
  static String fill(String template, TenantObjects a) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String body =
        template
            .replace("${unique}", "acme-write-" + UNIQUE.incrementAndGet())
            .replace("${now}", now.toString())
            .replace("${later}", now.plus(1, ChronoUnit.HOURS).toString());
    for (var e : a.ids().entrySet()) {
      body = body.replace("${" + e.getKey() + "}", Long.toString(e.getValue()));
    }
    return body;
  }
}
