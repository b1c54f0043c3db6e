package io.vesana.receiver.wire;

/**
 * A body that passed every rule: how many items it carries (the results of a batch; 1 for a
 * heartbeat or a discovery upload) and its canonical compact JSON for the stream entry.
 */
public record ParsedBody(MessageKind kind, int items, String canonicalJson) {}
