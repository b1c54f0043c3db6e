package io.vesana.edge;

import jakarta.json.JsonObject;

/**
 * The configuration one agent or collector runs, and its strong ETag (a hash of exactly these
 * bytes: equal configuration, equal tag, on every replica).
 *
 * @param containsSecrets the body holds decrypted credentials (collectors only): never cache it
 */
public record EdgeConfig(JsonObject body, String etag, boolean containsSecrets) {}
