package io.vesana.status;

import java.time.Instant;

/** One stored check result. */
public record ResultView(
    Instant checkedAt,
    int state,
    String stateType,
    String output,
    String perfdataJson,
    Integer executionMs) {}
