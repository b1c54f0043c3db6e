package io.vesana.wiki;

import java.time.Instant;

/** A wiki page; {@code bodyMd} is null in list answers, which carry no bodies. */
public record WikiPageView(
    long id,
    long tenantId,
    String slug,
    String title,
    String bodyMd,
    long version,
    Long authorUserId,
    Long updatedByUserId,
    Instant createdAt,
    Instant updatedAt) {}
