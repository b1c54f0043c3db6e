package io.vesana.wiki;

import java.time.Instant;

/** One saved version of a page; {@code bodyMd} is null in list answers. */
public record WikiRevisionView(
    long pageId,
    long revision,
    String title,
    String bodyMd,
    Long authorUserId,
    Instant createdAt) {}
