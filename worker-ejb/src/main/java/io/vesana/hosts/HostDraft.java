package io.vesana.hosts;

/**
 * The writable fields of a host, validated by the API before it gets here.
 *
 * @param tenantId for a super admin creating a host: the tenant; ignored otherwise
 */
public record HostDraft(
    Long tenantId,
    String name,
    String displayName,
    String address,
    Long hostGroupId,
    Long profileId,
    Long collectorId,
    boolean enabled) {}
