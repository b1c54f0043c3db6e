package io.vesana.receiver.auth;

/**
 * A credential as looked up: who sends with it, and until when it is valid ({@link Long#MAX_VALUE}
 * when it does not expire), so a cached entry never outlives the credential.
 */
record Found(Sender sender, long expiresAtMs) {}
