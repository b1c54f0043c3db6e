package io.vesana.discovery;

import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A profile suggested for a discovered host, with the host's identity for display.
 *
 * @param templateSlug the catalog template behind the suggestion (also for a tenant profile made
 *     from one); null for a hand-made profile
 */
public record SuggestionView(
    long id,
    long tenantId,
    long discoveryId,
    long discoveredHostId,
    String address,
    String hostname,
    Long profileId,
    Long templateId,
    String templateSlug,
    BigDecimal confidence,
    JsonObject evidence,
    String status,
    Long decidedByUserId,
    Instant decidedAt,
    Long appliedHostId,
    Instant createdAt) {}
