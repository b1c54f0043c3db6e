package io.vesana.receiver.problems;

import io.vesana.receiver.auth.CredentialStoreUnavailableException;
import io.vesana.receiver.auth.ForbiddenSenderException;
import io.vesana.receiver.auth.UnauthenticatedException;
import io.vesana.receiver.ingest.IngestMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Authentication refusals. The 401 body is the same whether the credential was missing, malformed,
 * unknown, revoked or expired, and never echoes it.
 */
public final class AuthMappers {

  private AuthMappers() {}

  @Provider
  @ApplicationScoped
  public static class Unauthenticated implements ExceptionMapper<UnauthenticatedException> {
    @Inject IngestMetrics metrics;

    @Override
    public Response toResponse(UnauthenticatedException e) {
      metrics.refused("unauthenticated");
      return Problem.of(
              401,
              "unauthenticated",
              "Not authenticated",
              "A valid X-Agent-Token or X-API-Key header is required.")
          .build();
    }
  }

  @Provider
  @ApplicationScoped
  public static class Forbidden implements ExceptionMapper<ForbiddenSenderException> {
    @Inject IngestMetrics metrics;

    @Override
    public Response toResponse(ForbiddenSenderException e) {
      metrics.refused("forbidden");
      return Problem.of(
              403, "forbidden", "Not allowed", "This credential may not send to this endpoint.")
          .build();
    }
  }

  @Provider
  @ApplicationScoped
  public static class StoreUnavailable
      implements ExceptionMapper<CredentialStoreUnavailableException> {
    private static final Logger LOG = Logger.getLogger(StoreUnavailable.class.getName());

    @Inject IngestMetrics metrics;
    @Inject RetryAfter retryAfter;

    @Override
    public Response toResponse(CredentialStoreUnavailableException e) {
      metrics.refused("credentials_unavailable");
      LOG.log(Level.WARNING, "credential lookup failed: {0}", String.valueOf(e.getCause()));
      return retryAfter
          .apply(
              Problem.of(
                  503,
                  "unavailable",
                  "Temporarily unavailable",
                  "The receiver cannot check credentials right now; nothing was accepted. Retry"
                      + " the same request later."))
          .build();
    }
  }
}
