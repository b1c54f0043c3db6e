package io.vesana.api.edge;

import io.vesana.api.problems.Problem;
import io.vesana.edge.EdgeConfig;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Map;

/**
 * The answer to a configuration fetch: 200 with the configuration and its strong ETag, or 304 when
 * the client's {@code If-None-Match} already names it. {@code X-Poll-Interval} (seconds) tells the
 * client when to ask again. A configuration holding decrypted credentials is {@code no-store}.
 */
final class ConfigResponses {

  static final String POLL_HEADER = "X-Poll-Interval";

  private ConfigResponses() {}

  static Response of(EdgeConfig config, String ifNoneMatch, int pollSeconds) {
    boolean unchanged =
        ifNoneMatch != null
            && Arrays.stream(ifNoneMatch.split(","))
                .map(String::strip)
                .anyMatch(t -> t.equals(config.etag()) || t.equals("*"));
    Response.ResponseBuilder r =
        unchanged ? Response.notModified() : Response.ok(config.body(), "application/json");
    return r.header("ETag", config.etag())
        .header(POLL_HEADER, Integer.toString(pollSeconds))
        .header("Cache-Control", config.containsSecrets() ? "no-store" : "no-cache")
        .build();
  }

  static Problem unauthorized(String header) {
    return new Problem(
        401,
        "urn:vesana:problem:unauthorized",
        "Authentication required",
        "A valid " + header + " is required.",
        Map.of());
  }
}
