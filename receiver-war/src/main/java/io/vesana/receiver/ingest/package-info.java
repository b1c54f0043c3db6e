/**
 * The ingest endpoints ({@code /ingest/v1/results}, {@code /heartbeat}, {@code /discovery}):
 * authenticate, check media type and size, parse strictly, and append exactly one stream entry per
 * accepted request. No database write, no business logic: the workers own both.
 */
package io.vesana.receiver.ingest;
