/**
 * The API replicas' watchers: EJB timers on every replica, each run made exclusive (once per period
 * across replicas) by {@link io.vesana.watchers.WatcherRunner}.
 */
package io.vesana.api.watchers;
