/**
 * Watchers: periodic jobs (EJB timers) that every instance schedules but that must run once per
 * period per deployment. {@link io.vesana.watchers.WatcherRunner} gives that guarantee with a
 * {@link io.vesana.cluster.DistributedLocks} lock while the work runs and a {@link
 * io.vesana.watchers.WatcherRuns} record of the last run, so instances whose timers are not
 * synchronised do not run a watcher once each.
 *
 * <p>The runner is plain Java built from its ports and a scheduler, so integration tests run it
 * without a container; {@link io.vesana.watchers.WatcherRunners} makes the container's instance.
 */
package io.vesana.watchers;
