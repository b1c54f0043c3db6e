package io.vesana.api.problems;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Writes a {@link Problem} as application/problem+json. */
@Provider
public class ProblemMapper implements ExceptionMapper<Problem> {
  @Override
  public Response toResponse(Problem p) {
    return p.toResponse();
  }
}
