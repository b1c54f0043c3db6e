package io.vesana.wiki;

/** A search result: the page, its rank (higher is better) and a snippet with matches in [[ ]]. */
public record WikiSearchHit(long id, String slug, String title, double rank, String snippet) {}
