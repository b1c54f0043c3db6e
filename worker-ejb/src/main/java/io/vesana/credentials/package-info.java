/**
 * Machine credentials: agent tokens ({@code vesana_agent_} + 32 url-safe base64 characters) and
 * collector/automation API keys (configurable prefix + 32 random bytes). Only SHA-256 hashes are
 * stored; the plaintext exists once, in the answer to its creation. The receiver looks them up by
 * hash; this feature issues, lists and revokes them.
 */
package io.vesana.credentials;
