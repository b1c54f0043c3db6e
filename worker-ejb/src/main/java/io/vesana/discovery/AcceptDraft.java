package io.vesana.discovery;

/**
 * What accepting a suggestion may set on the new host; null: the discovered hostname (else the
 * address) as name, no group.
 */
public record AcceptDraft(String name, Long hostGroupId) {}
