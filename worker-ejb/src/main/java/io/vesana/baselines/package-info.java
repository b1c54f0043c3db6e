/**
 * Anomaly baselines: per service and numeric perfdata metric, the mean and standard deviation of
 * its values over a sliding window ({@link io.vesana.baselines.BaselineComputation}, the baseline
 * watcher's work, done in PostgreSQL in batches of services), and the read side that puts a
 * service's current values against its band mean ± k·σ ({@link
 * io.vesana.baselines.BaselineQueries}).
 */
package io.vesana.baselines;
