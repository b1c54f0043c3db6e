package io.vesana.api.problems;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * JAX-RS's own errors (unknown path 404, wrong method 405, unsupported media type 415, unreadable
 * body 400) as problem+json, with the status JAX-RS chose.
 */
@Provider
public class WebErrorMapper implements ExceptionMapper<WebApplicationException> {
  @Override
  public Response toResponse(WebApplicationException e) {
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    if (status >= 500) {
      return Unexpected.respond(e);
    }
    Response.StatusType info = Response.Status.fromStatusCode(status);
    String title = info == null ? "Request failed" : info.getReasonPhrase();
    String detail =
        status == 400
            ? "The request body could not be read: it must be valid JSON of the documented shape."
            : title + ".";
    return new Problem(status, "urn:vesana:problem:http-" + status, title, detail, Map.of())
        .toResponse();
  }
}
