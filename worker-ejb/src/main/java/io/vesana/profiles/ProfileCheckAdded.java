package io.vesana.profiles;

/**
 * Fired (synchronously, in the transaction that added it) when an enabled check joins a profile, so
 * hosts of that profile can get a service for it.
 */
public record ProfileCheckAdded(long tenantId, long profileId, long checkId) {}
