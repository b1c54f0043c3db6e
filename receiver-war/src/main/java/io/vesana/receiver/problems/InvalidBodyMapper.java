package io.vesana.receiver.problems;

import io.vesana.receiver.ingest.IngestMetrics;
import io.vesana.receiver.wire.InvalidBodyException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** 400 with every collected violation by JSON pointer, so a sender can fix a batch at once. */
@Provider
@ApplicationScoped
public class InvalidBodyMapper implements ExceptionMapper<InvalidBodyException> {

  @Inject IngestMetrics metrics;

  @Override
  public Response toResponse(InvalidBodyException e) {
    metrics.refused("invalid");
    String detail =
        e.truncated()
            ? "The body breaks the contract; the first "
                + e.violations().size()
                + " violations are listed, there are more. Nothing was accepted."
            : "The body breaks the contract. Nothing was accepted.";
    return Problem.of(400, "invalid-body", "Invalid body", detail, e.violations(), Map.of())
        .build();
  }
}
