package io.vesana.receiver.wire;

/**
 * One reason a body was refused: {@code pointer} is the RFC 6901 JSON pointer of the offending
 * member ("" for the whole document), {@code reason} a sentence for the sender's developer.
 */
public record Violation(String pointer, String reason) {}
