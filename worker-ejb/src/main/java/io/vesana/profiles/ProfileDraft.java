package io.vesana.profiles;

/**
 * The writable fields of a profile.
 *
 * @param tenantId for a super admin creating a profile: the tenant; ignored otherwise
 */
public record ProfileDraft(
    Long tenantId, String name, String description, boolean autoCreateServices) {}
