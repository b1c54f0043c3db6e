package io.vesana.api.problems;

import io.vesana.checks.InvalidCheckException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;

/** Invalid check configuration: 400 with one JSON pointer per invalid field. */
@Provider
public class InvalidCheckMapper implements ExceptionMapper<InvalidCheckException> {
  @Override
  public Response toResponse(InvalidCheckException e) {
    List<Map<String, Object>> errors =
        e.errors().stream()
            .map(f -> Map.<String, Object>of("pointer", f.pointer(), "detail", f.detail()))
            .toList();
    return new Problem(
            400,
            "urn:vesana:problem:invalid-request",
            "Invalid request",
            "The request has "
                + errors.size()
                + " invalid field(s): "
                + errors.get(0).get("detail")
                + ".",
            Map.of("errors", errors))
        .toResponse();
  }
}
