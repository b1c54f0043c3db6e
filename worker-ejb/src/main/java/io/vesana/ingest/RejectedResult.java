package io.vesana.ingest;

/** A result that cannot be stored (unknown host or service, not the sender's host). */
public record RejectedResult(DecodedEntry entry, IncomingResult result, String reason) {}
