package io.vesana.receiver.problems;

import io.vesana.receiver.auth.CredentialStoreUnavailableException;
import io.vesana.receiver.auth.ForbiddenSenderException;
import io.vesana.receiver.auth.UnauthenticatedException;
import io.vesana.receiver.redis.StreamRefusedException;
import io.vesana.receiver.wire.BodyTooLargeException;
import io.vesana.receiver.wire.InvalidBodyException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * The same answer the JAX-RS runtime would pick for an exception (the most specific mapper), for
 * the ingest filter that serves the hot endpoints without JAX-RS. One list of mappers, so the two
 * paths cannot answer differently.
 */
@ApplicationScoped
public class ProblemResponses {

  @Inject AuthMappers.Unauthenticated unauthenticated;
  @Inject AuthMappers.Forbidden forbidden;
  @Inject AuthMappers.StoreUnavailable storeUnavailable;
  @Inject InvalidBodyMapper invalidBody;
  @Inject BodyTooLargeMapper bodyTooLarge;
  @Inject StreamRefusedMapper streamRefused;
  @Inject WebApplicationExceptionMapper webApplication;
  @Inject UnexpectedExceptionMapper unexpected;

  public Response toResponse(Throwable e) {
    if (e instanceof UnauthenticatedException u) {
      return unauthenticated.toResponse(u);
    }
    if (e instanceof ForbiddenSenderException f) {
      return forbidden.toResponse(f);
    }
    if (e instanceof CredentialStoreUnavailableException c) {
      return storeUnavailable.toResponse(c);
    }
    if (e instanceof InvalidBodyException i) {
      return invalidBody.toResponse(i);
    }
    if (e instanceof BodyTooLargeException b) {
      return bodyTooLarge.toResponse(b);
    }
    if (e instanceof StreamRefusedException s) {
      return streamRefused.toResponse(s);
    }
    if (e instanceof WebApplicationException w) {
      return webApplication.toResponse(w);
    }
    return unexpected.toResponse(e);
  }
}
