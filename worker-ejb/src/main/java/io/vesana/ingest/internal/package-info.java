/** JDBC adapters of the ingest pipeline: context lookups and the batch store. */
package io.vesana.ingest.internal;
