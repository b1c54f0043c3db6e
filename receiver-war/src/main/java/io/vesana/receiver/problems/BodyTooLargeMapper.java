package io.vesana.receiver.problems;

import io.vesana.receiver.ingest.IngestMetrics;
import io.vesana.receiver.wire.BodyTooLargeException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 413: split the batch. Not retryable as is. */
@Provider
@ApplicationScoped
public class BodyTooLargeMapper implements ExceptionMapper<BodyTooLargeException> {

  @Inject IngestMetrics metrics;

  @Override
  public Response toResponse(BodyTooLargeException e) {
    metrics.refused("too_large");
    return Problem.of(
            413,
            "body-too-large",
            "Body too large",
            "The body is larger than " + e.limit() + " bytes; send smaller batches.")
        .header("Connection", "close")
        .build();
  }
}
