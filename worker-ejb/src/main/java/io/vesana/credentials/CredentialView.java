package io.vesana.credentials;

import java.time.Instant;

/**
 * An agent token or API key as listed: never the secret or its hash.
 *
 * @param kind {@code agent_token} or {@code api_key}
 * @param purpose for API keys {@code collector} or {@code automation}; null for agent tokens
 * @param prefix the first characters of the secret, so a user can tell which one is which
 */
public record CredentialView(
    long id,
    long tenantId,
    String kind,
    String name,
    String purpose,
    String prefix,
    Long hostId,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    Instant lastUsedAt) {}
