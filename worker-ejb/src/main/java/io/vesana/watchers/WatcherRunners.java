package io.vesana.watchers;

import io.vesana.cluster.DistributedLocks;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Makes the container's {@link WatcherRunner}: lease renewal runs on the server's default managed
 * scheduler, whose threads the container owns and stops on undeploy.
 */
@ApplicationScoped
public class WatcherRunners {

  @Inject DistributedLocks locks;
  @Inject WatcherRuns runs;

  @Resource ManagedScheduledExecutorService scheduler;

  // A pseudo-scope: WatcherRunner is final (not proxyable) and one instance serves everyone.
  @Produces
  @Singleton
  WatcherRunner watcherRunner() {
    return new WatcherRunner(locks, runs, scheduler);
  }
}
