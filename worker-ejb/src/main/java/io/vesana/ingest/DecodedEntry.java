package io.vesana.ingest;

import java.time.Instant;
import java.util.List;

/** A results entry after decoding: who sent it, when it was received, and its results. */
public record DecodedEntry(
    QueuedEntry entry,
    long tenantId,
    String source,
    long credentialId,
    Instant receivedAt,
    List<IncomingResult> results) {}
