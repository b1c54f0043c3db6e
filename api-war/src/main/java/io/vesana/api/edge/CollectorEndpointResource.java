package io.vesana.api.edge;

import io.vesana.api.auth.LoginThrottle;
import io.vesana.edge.EdgeConfig;
import io.vesana.edge.EdgeConfigs;
import io.vesana.edge.EdgeIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /v1/collector/config}, authenticated by the collector's {@code X-API-Key}: the checks
 * of its hosts with the decrypted credentials they use (the one place a secret leaves the server,
 * only to the authenticated collector of that tenant; answered {@code no-store}), a strong ETag
 * (304 on {@code If-None-Match}) and {@code X-Poll-Interval} (60 s by default, {@code
 * vesana.edge.collector-poll-seconds}). Records last seen, address and {@code X-Software-Version}.
 */
@Path("collector")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CollectorEndpointResource {

  @Inject EdgeConfigs configs;
  @Inject LoginThrottle addresses;
  @Context HttpServletRequest request;

  @GET
  @Path("config")
  public Response config(
      @HeaderParam("X-API-Key") String key,
      @HeaderParam(AgentEndpointResource.VERSION) String version,
      @HeaderParam("If-None-Match") String ifNoneMatch) {
    EdgeIdentity collector =
        configs.collector(key).orElseThrow(() -> ConfigResponses.unauthorized("X-API-Key"));
    EdgeConfig config = configs.collectorConfig(collector);
    configs.seen(collector, addresses.clientAddress(request), version, config.etag());
    return ConfigResponses.of(
        config, ifNoneMatch, configs.pollSeconds(EdgeIdentity.Kind.COLLECTOR));
  }
}
