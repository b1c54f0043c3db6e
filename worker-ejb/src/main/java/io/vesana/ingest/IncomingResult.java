package io.vesana.ingest;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * One check result as decoded from a stream entry's body.
 *
 * @param raw the result's JSON as it came, so a rejected result can be dead-lettered alone
 */
public record IncomingResult(
    String host,
    String service,
    int state,
    String output,
    String longOutput,
    String perfdata,
    Instant checkedAt,
    Integer executionMs,
    JsonObject raw) {}
