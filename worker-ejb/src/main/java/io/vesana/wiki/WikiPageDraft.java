package io.vesana.wiki;

/**
 * A page as a caller writes it. {@code expectedVersion} is required on update (the version the
 * editor started from) and ignored on create.
 */
public record WikiPageDraft(
    Long tenantId, String slug, String title, String bodyMd, Long expectedVersion) {}
