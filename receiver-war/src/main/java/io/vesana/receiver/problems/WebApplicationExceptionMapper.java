package io.vesana.receiver.problems;

import io.vesana.receiver.ingest.IngestMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own refusals (415, 404, 405, ...) in the same problem+json shape. */
@Provider
@ApplicationScoped
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Inject IngestMetrics metrics;

  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    int status = original.getStatus();
    metrics.refused(status == 415 ? "unsupported_media_type" : "http_" + status);
    Response.StatusType info = original.getStatusInfo();
    String detail =
        status == 415
            ? "Content-Type must be application/json (UTF-8)."
            : info.getReasonPhrase() + ".";
    Response.ResponseBuilder problem =
        Problem.of(status, "http-" + status, info.getReasonPhrase(), detail);
    // 405 must keep its Allow header.
    original
        .getHeaders()
        .forEach(
            (name, values) -> {
              if ("Allow".equalsIgnoreCase(name)) {
                values.forEach(v -> problem.header(name, v));
              }
            });
    return problem.build();
  }
}
