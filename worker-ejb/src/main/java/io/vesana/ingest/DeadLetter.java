package io.vesana.ingest;

import java.util.Map;

/**
 * An entry (or a single result of one) that could not be stored.
 *
 * @param fields the original entry fields, as they would be replayed
 */
public record DeadLetter(
    String id, Map<String, String> fields, String reason, String failedAt, long deliveries) {}
