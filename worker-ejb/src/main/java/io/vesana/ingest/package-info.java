/**
 * The worker side of the push pipeline: reads the ingest stream (a Redis consumer group), turns
 * each entry into stored check results, service status, state changes and alerts in one PostgreSQL
 * transaction per read batch, and acknowledges entries only after that transaction committed. Owns
 * the dead-letter stream and its admin service. See {@code docs/ingest-pipeline.md} for the flow
 * and the exactly-once argument.
 *
 * <p>The core ({@link io.vesana.ingest.IngestPipeline}, {@link
 * io.vesana.ingest.IngestConsumerLoop}) is plain Java built from a {@link javax.sql.DataSource} and
 * an {@link io.vesana.ingest.IngestQueue}, so integration tests run it without a container; {@link
 * io.vesana.ingest.IngestConsumers} runs it inside one.
 */
package io.vesana.ingest;
