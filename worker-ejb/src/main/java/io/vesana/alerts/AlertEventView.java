package io.vesana.alerts;

import java.time.Instant;

/** One entry of an alert's history (opened, acknowledged, commented, resolved, ...). */
public record AlertEventView(long id, String kind, String actor, String body, Instant at) {}
