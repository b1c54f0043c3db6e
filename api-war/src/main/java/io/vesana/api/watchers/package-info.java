/**
 * The API replicas' watchers: EJB timers on every replica, each run made exclusive (once per period
 * across replicas) by {@link io.vesana.watchers.WatcherRunner}; the shared part is {@link
 * ExclusiveWatcher}, each watcher names itself, reads its intervals and does its work.
 */
package io.vesana.api.watchers;
