package io.vesana.contract;

import java.time.Instant;

/**
 * "I am alive" from an agent or collector (contract v1). JSON: {@code sent_at}, {@code
 * software_version}, optional {@code hostname}, {@code os}, {@code arch}.
 */
public record Heartbeat(
    Instant sentAt, String softwareVersion, String hostname, String os, String arch) {}
