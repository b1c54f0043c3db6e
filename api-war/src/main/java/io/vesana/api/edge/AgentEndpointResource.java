package io.vesana.api.edge;

import io.vesana.api.auth.LoginThrottle;
import io.vesana.api.problems.BodyFields;
import io.vesana.edge.AgentEnrolment;
import io.vesana.edge.EdgeConfig;
import io.vesana.edge.EdgeConfigs;
import io.vesana.edge.EdgeIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/**
 * What an agent calls, authenticated by {@code X-Agent-Token} (no user token): {@code POST
 * /v1/agent/enrol} binds it to its host, {@code GET /v1/agent/config} returns the checks it runs
 * (strong ETag, 304 on {@code If-None-Match}, {@code X-Poll-Interval}: 300 s by default, {@code
 * vesana.edge.agent-poll-seconds}). Each call records last seen, address and version ({@code
 * X-Software-Version}).
 */
@Path("agent")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentEndpointResource {

  static final String TOKEN = "X-Agent-Token";
  static final String VERSION = "X-Software-Version";

  @Inject EdgeConfigs configs;
  @Inject AgentEnrolment enrolment;
  @Inject LoginThrottle addresses;
  @Context HttpServletRequest request;

  private EdgeIdentity agent(String token) {
    return configs.agent(token).orElseThrow(() -> ConfigResponses.unauthorized(TOKEN));
  }

  @POST
  @Path("enrol")
  public JsonObject enrol(
      @HeaderParam(TOKEN) String token, @HeaderParam(VERSION) String version, JsonObject body) {
    EdgeIdentity agent = agent(token);
    JsonObject b = BodyFields.only(body, Set.of("host", "hostname", "os", "arch"));
    EdgeIdentity bound =
        enrolment.enrol(
            agent,
            new AgentEnrolment.Facts(
                BodyFields.string(b, "host", 255, false),
                BodyFields.string(b, "hostname", 255, false),
                BodyFields.string(b, "os", 100, false),
                BodyFields.string(b, "arch", 40, false),
                version == null || version.length() > 64 ? null : version.strip()));
    configs.seen(bound, addresses.clientAddress(request), version, null);
    return Json.createObjectBuilder()
        .add("agent_id", bound.componentId())
        .add("host_id", bound.hostId())
        .add("poll_interval_s", configs.pollSeconds(EdgeIdentity.Kind.AGENT))
        .build();
  }

  @GET
  @Path("config")
  public Response config(
      @HeaderParam(TOKEN) String token,
      @HeaderParam(VERSION) String version,
      @HeaderParam("If-None-Match") String ifNoneMatch) {
    EdgeIdentity agent = agent(token);
    EdgeConfig config = configs.agentConfig(agent);
    configs.seen(agent, addresses.clientAddress(request), version, config.etag());
    return ConfigResponses.of(config, ifNoneMatch, configs.pollSeconds(EdgeIdentity.Kind.AGENT));
  }
}
