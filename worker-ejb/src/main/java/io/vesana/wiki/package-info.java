/**
 * The tenant wiki: Markdown pages stored raw, every saved version kept as an immutable revision,
 * optimistic versions against lost updates, and full-text search on the {@code search} column
 * migration V7 generates (configuration {@code simple}, ranked, with a highlighted snippet). Chunks
 * and embeddings for the assistant are the ai feature's.
 */
package io.vesana.wiki;
