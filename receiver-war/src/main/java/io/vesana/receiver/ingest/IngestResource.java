package io.vesana.receiver.ingest;

import io.vesana.receiver.auth.Sender;
import io.vesana.receiver.auth.SenderAuthenticator;
import io.vesana.receiver.wire.MessageKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Set;

/**
 * The three ingest endpoints. Authentication is the first line of each; no {@code @Consumes}, so
 * the media type check (415) comes after it and a prober learns nothing without a credential.
 *
 * <p>{@link IngestFilter} answers these requests first, without the JAX-RS runtime; this resource
 * stays the definition of the endpoints (and what OpenAPI and 404/405 answers come from).
 */
@Path("/")
@ApplicationScoped
public class IngestResource {

  static final String AGENT_TOKEN = "X-Agent-Token";
  static final String API_KEY = "X-API-Key";

  private static final Set<Sender.Kind> AGENTS_AND_COLLECTORS =
      EnumSet.of(Sender.Kind.AGENT, Sender.Kind.COLLECTOR);
  private static final Set<Sender.Kind> COLLECTORS = EnumSet.of(Sender.Kind.COLLECTOR);

  /** Who may send a message of this kind. */
  static Set<Sender.Kind> allowed(MessageKind kind) {
    return kind == MessageKind.DISCOVERY ? COLLECTORS : AGENTS_AND_COLLECTORS;
  }

  @Inject SenderAuthenticator authenticator;
  @Inject Intake intake;

  @POST
  @Path("results")
  public Response results(
      @HeaderParam(AGENT_TOKEN) String agentToken,
      @HeaderParam(API_KEY) String apiKey,
      @Context HttpHeaders headers,
      InputStream body) {
    Sender sender = authenticator.authenticate(agentToken, apiKey, AGENTS_AND_COLLECTORS);
    return accept(sender, MessageKind.RESULTS, headers, body);
  }

  @POST
  @Path("heartbeat")
  public Response heartbeat(
      @HeaderParam(AGENT_TOKEN) String agentToken,
      @HeaderParam(API_KEY) String apiKey,
      @Context HttpHeaders headers,
      InputStream body) {
    Sender sender = authenticator.authenticate(agentToken, apiKey, AGENTS_AND_COLLECTORS);
    return accept(sender, MessageKind.HEARTBEAT, headers, body);
  }

  @POST
  @Path("discovery")
  public Response discovery(
      @HeaderParam(AGENT_TOKEN) String agentToken,
      @HeaderParam(API_KEY) String apiKey,
      @Context HttpHeaders headers,
      InputStream body) {
    Sender sender = authenticator.authenticate(agentToken, apiKey, COLLECTORS);
    return accept(sender, MessageKind.DISCOVERY, headers, body);
  }

  private Response accept(Sender sender, MessageKind kind, HttpHeaders headers, InputStream body) {
    return intake.accept(
        sender, kind, headers.getHeaderString(HttpHeaders.CONTENT_TYPE), headers.getLength(), body);
  }
}
