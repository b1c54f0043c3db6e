package io.vesana.api.problems;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The catch-all: logs the stack trace under a correlation id and answers 500 with only that id, so
 * no internal detail (SQL, class names, values) reaches the client.
 */
@Provider
public class Unexpected implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(Unexpected.class.getName());

  @Override
  public Response toResponse(Throwable t) {
    if (t instanceof Problem p) {
      return p.toResponse();
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof jakarta.json.JsonException) {
        // The JSON body could not be parsed (JSON-P reads request bodies before any resource code).
        return Problem.badRequest("The request body is not valid JSON.").toResponse();
      }
    }
    return respond(t);
  }

  static Response respond(Throwable t) {
    String id = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "unexpected error, correlation id " + id, t);
    return new Problem(
            500,
            "urn:vesana:problem:internal",
            "Internal error",
            "Something went wrong on the server; the log has the details under this correlation id.",
            Map.of("correlation_id", id))
        .toResponse();
  }
}
