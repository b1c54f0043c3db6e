package io.vesana.receiver.problems;

import io.vesana.receiver.ingest.IngestMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A bug: 500 with a correlation id only (no message, no class name reaches the sender), the stack
 * trace in the log under the same id.
 */
@Provider
@ApplicationScoped
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Inject IngestMetrics metrics;

  @Override
  public Response toResponse(Throwable e) {
    String id = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "unexpected failure, correlation id " + id, e);
    metrics.refused("internal");
    return Problem.of(
            500,
            "internal",
            "Internal error",
            "Unexpected failure; quote the correlation id when reporting it.",
            List.of(),
            Map.of("correlation_id", id))
        .build();
  }
}
