/**
 * Who is sending: agents by {@code X-Agent-Token}, collectors by {@code X-API-Key}, both looked up
 * by SHA-256 hash in PostgreSQL (read only) behind a short-lived cache, so a revoked credential
 * stops working within the cache TTL. Refusals never say which part was wrong.
 */
package io.vesana.receiver.auth;
