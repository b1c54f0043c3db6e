package io.vesana.ingest;

import java.util.Map;

/**
 * One entry read from the ingest stream.
 *
 * @param fields the entry as written by the receiver; null when the entry was trimmed or deleted
 *     from the stream while still pending
 * @param deliveries how often the group handed it out, this time included
 */
public record QueuedEntry(String id, Map<String, String> fields, long deliveries) {}
