package io.vesana.receiver.problems;

import io.vesana.receiver.ingest.IngestMetrics;
import io.vesana.receiver.redis.StreamRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Backpressure: 503 + Retry-After; the sender keeps the whole request and sends it again. */
@Provider
@ApplicationScoped
public class StreamRefusedMapper implements ExceptionMapper<StreamRefusedException> {

  private static final Logger LOG = Logger.getLogger(StreamRefusedMapper.class.getName());

  @Inject IngestMetrics metrics;
  @Inject RetryAfter retryAfter;

  @Override
  public Response toResponse(StreamRefusedException e) {
    metrics.refused(e.reason());
    if (e.reason() == StreamRefusedException.Reason.UNAVAILABLE) {
      LOG.log(
          Level.WARNING, "Redis did not take a stream entry: {0}", String.valueOf(e.getCause()));
    }
    String detail =
        switch (e.reason()) {
          case FULL, OUT_OF_MEMORY -> "The ingest queue is full; nothing was accepted.";
          case UNAVAILABLE -> "The ingest queue is unavailable; nothing was accepted.";
        };
    return retryAfter
        .apply(
            Problem.of(
                503,
                "overloaded",
                "Temporarily unavailable",
                detail + " Retry the same request after Retry-After seconds."))
        .build();
  }
}
