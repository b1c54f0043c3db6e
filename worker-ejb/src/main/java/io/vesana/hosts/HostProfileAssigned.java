package io.vesana.hosts;

/**
 * Fired (synchronously, in the transaction of the change) when a host is created with a profile or
 * gets another one, so the host's services can follow the profile.
 */
public record HostProfileAssigned(long tenantId, long hostId, long profileId) {}
