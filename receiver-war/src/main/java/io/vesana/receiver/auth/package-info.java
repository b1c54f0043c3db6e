/**
 * Who is sending: agents by {@code X-Agent-Token}, collectors by {@code X-API-Key}, both looked up
 * by SHA-256 hash in PostgreSQL (read only) behind a cache invalidated by change (the tenant's
 * cache generation, read every ~2 s), so a revoked credential stops working within seconds while a
 * busy agent costs no query per request. Refusals never say which part was wrong.
 */
package io.vesana.receiver.auth;
