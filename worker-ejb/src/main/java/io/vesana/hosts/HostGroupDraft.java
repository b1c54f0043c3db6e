package io.vesana.hosts;

/**
 * The writable fields of a host group, validated by the API before it gets here.
 *
 * @param tenantId for a super admin creating a group: the tenant; ignored otherwise
 */
public record HostGroupDraft(Long tenantId, String name, String description, Long parentId) {}
