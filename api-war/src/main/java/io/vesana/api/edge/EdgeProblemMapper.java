package io.vesana.api.edge;

import io.vesana.api.problems.Problem;
import io.vesana.edge.EdgeException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** An edge request that cannot be served, as a problem with the status it names. */
@Provider
public class EdgeProblemMapper implements ExceptionMapper<EdgeException> {
  @Override
  public Response toResponse(EdgeException e) {
    String title =
        switch (e.status()) {
          case 404 -> "Not found";
          case 409 -> "Conflict";
          case 400 -> "Invalid request";
          default -> "Not possible";
        };
    return new Problem(
            e.status(),
            e.status() == 400 ? "urn:vesana:problem:invalid-request" : "urn:vesana:problem:edge",
            title,
            e.getMessage(),
            Map.of())
        .toResponse();
  }
}
