package io.vesana.api;

import static java.util.Map.entry;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes whose body names another object by id ({@code "profile_id"}, {@code "host_ids"}): with
 * tenant B's id there, tenant A's request must be refused exactly as with an id that does not exist
 * (4xx, same answer), never create or change anything that points into B. Request bodies are opaque
 * in the OpenAPI document, so this list is kept by hand: a write with a new id field adds a line.
 *
 * <p>{@code ${B:kind}} is B's object of that kind; everything else as in {@link
 * IsolationMatrix#fill}. Path parameters are A's own objects.
 */
final class ForeignReferences {

  private static final Pattern FOREIGN = Pattern.compile("\\$\\{B:(\\w+)}");

  /** Operation key → bodies, each naming one of B's objects. */
  static final Map<String, List<String>> BODIES =
      Map.ofEntries(
          entry(
              "POST /v1/hosts",
              List.of(
                  "{\"name\":\"${unique}\",\"host_group_id\":${B:host_group}}",
                  "{\"name\":\"${unique}\",\"profile_id\":${B:profile}}",
                  "{\"name\":\"${unique}\",\"collector_id\":${B:collector}}")),
          entry(
              "PUT /v1/hosts/{id}",
              List.of("{\"name\":\"${unique}\",\"profile_id\":${B:profile}}")),
          entry(
              "POST /v1/hosts/{hostId}/services",
              List.of(
                  "{\"name\":\"${unique}\",\"kind\":\"ping\","
                      + "\"profile_check_id\":${B:profile_check}}")),
          entry("POST /v1/agent-tokens", List.of("{\"description\":\"x\",\"host_id\":${B:host}}")),
          entry(
              "POST /v1/host-groups",
              List.of("{\"name\":\"${unique}\",\"parent_id\":${B:host_group}}")),
          entry(
              "PUT /v1/host-groups/{id}",
              List.of("{\"name\":\"${unique}\",\"parent_id\":${B:host_group}}")),
          entry(
              "POST /v1/downtimes",
              List.of(
                  "{\"scope\":\"host\",\"host_id\":${B:host},\"starts_at\":\"${now}\","
                      + "\"ends_at\":\"${later}\",\"comment\":\"x\"}",
                  "{\"scope\":\"service\",\"host_id\":${host},\"service_id\":${B:service},\"starts_at\":\"${now}\","
                      + "\"ends_at\":\"${later}\",\"comment\":\"x\"}",
                  "{\"scope\":\"host_group\",\"host_group_id\":${B:host_group},"
                      + "\"starts_at\":\"${now}\",\"ends_at\":\"${later}\",\"comment\":\"x\"}")),
          entry(
              "POST /v1/notification-rules",
              List.of(
                  "{\"name\":\"${unique}\",\"channel_id\":${B:channel}}",
                  "{\"name\":\"${unique}\",\"channel_id\":${channel},"
                      + "\"match\":{\"host_ids\":[${B:host}]}}")),
          entry("PUT /v1/users/{id}/roles", List.of("{\"role_ids\":[${B:role}]}")));

  /**
   * Where A's own object in B's place is no valid control: a group cannot be its own parent (the
   * path names A's one group).
   */
  static final Set<String> NO_CONTROL = Set.of("PUT /v1/host-groups/{id}");

  private ForeignReferences() {}

  /** The template with B's ids (or {@code ghost} in their place) and A's objects filled in. */
  static String body(String template, TenantObjects a, TenantObjects b, Long ghost) {
    Matcher m = FOREIGN.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      long id = ghost != null ? ghost : b.id(m.group(1));
      m.appendReplacement(out, Long.toString(id));
    }
    m.appendTail(out);
    return IsolationMatrix.fill(out.toString(), a);
  }

  /** B's id named in the template (one per template), to blank it out of answers. */
  static long foreignId(String template, TenantObjects b) {
    Matcher m = FOREIGN.matcher(template);
    if (!m.find()) {
      throw new IllegalArgumentException("No ${B:kind} in " + template);
    }
    return b.id(m.group(1));
  }
}
