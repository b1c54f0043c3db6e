package io.vesana.downtimes;

/**
 * The writable fields of a downtime, validated by the API before it gets here (which ids the scope
 * needs included; the database checks they exist in the tenant and fit together).
 *
 * @param tenantId for a super admin creating a downtime: the tenant; ignored otherwise
 * @param includeChildren host scope: also its services; host group scope: also nested groups
 */
public record DowntimeDraft(
    Long tenantId,
    DowntimeScope scope,
    Long hostId,
    Long serviceId,
    Long hostGroupId,
    boolean includeChildren,
    DowntimeSchedule schedule,
    String comment) {}
