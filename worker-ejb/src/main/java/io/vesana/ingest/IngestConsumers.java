package io.vesana.ingest;

import io.vesana.alerts.AlertTransition;
import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs {@code vesana.ingest.consumers} consumer loops on container-managed threads (0 when unset,
 * so the API WAR, which bundles this module too, runs none; the worker WAR sets 2). Starts after
 * the schema migration; stops the loops on undeploy and waits for their current batch.
 *
 * <p>Consumer names are {@code <vesana.instance.name>#<n>} (default: the host name), stable across
 * restarts, so a restarted worker finishes its own pending entries at once instead of waiting for a
 * peer to claim them. Two workers on one host need distinct {@code vesana.instance.name}s.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class IngestConsumers {

  private static final Logger LOG = Logger.getLogger(IngestConsumers.class.getName());

  @Inject
  @ConfigProperty(name = "vesana.ingest.consumers", defaultValue = "0")
  int consumers;

  @Inject
  @ConfigProperty(name = "vesana.ingest.batch-entries", defaultValue = "100")
  int batchEntries;

  @Inject
  @ConfigProperty(name = "vesana.ingest.max-deliveries", defaultValue = "5")
  int maxDeliveries;

  @Inject
  @ConfigProperty(name = "vesana.ingest.claim-idle-ms", defaultValue = "60000")
  long claimIdleMs;

  @Inject
  @ConfigProperty(name = "vesana.ingest.context-ttl-ms", defaultValue = "600000")
  long contextTtlMs;

  @Inject
  @ConfigProperty(name = "vesana.ingest.linger-ms", defaultValue = "100")
  long lingerMs;

  @Inject
  @ConfigProperty(name = "vesana.instance.name")
  Optional<String> instanceName;

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Resource ManagedThreadFactory threadFactory;

  @Inject IngestQueue queue;
  @Inject IngestMetrics metrics;
  @Inject Event<AlertTransition> alertEvents;

  private final List<IngestConsumerLoop> loops = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  @PostConstruct
  void start() {
    if (consumers <= 0) {
      LOG.info("ingest consumers disabled (vesana.ingest.consumers=0)");
      return;
    }
    IngestSettings d = IngestSettings.defaults();
    IngestSettings settings =
        new IngestSettings(
            batchEntries,
            d.blockMs(),
            maxDeliveries,
            Duration.ofMillis(claimIdleMs),
            d.backoffMin(),
            d.backoffMax(),
            Duration.ofMillis(Math.max(1000, contextTtlMs)),
            d.contextCacheEntries(),
            Duration.ofMillis(Math.max(0, Math.min(lingerMs, 1000))));
    IngestPipeline pipeline =
        new IngestPipeline(dataSource, queue, settings, metrics, alertEvents::fire);
    metrics.watch(queue);
    String base = instanceName.filter(n -> !n.isBlank()).orElseGet(IngestConsumers::hostName);
    for (int i = 0; i < consumers; i++) {
      IngestConsumerLoop loop =
          new IngestConsumerLoop(base + "#" + i, queue, pipeline, settings, metrics);
      Thread t = threadFactory.newThread(loop);
      t.setName("vesana-ingest-" + i);
      loops.add(loop);
      threads.add(t);
      t.start();
    }
    LOG.info(() -> consumers + " ingest consumers started as " + base + "#0..");
  }

  @PreDestroy
  void stop() {
    loops.forEach(IngestConsumerLoop::stop);
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Names of the running consumers, for health and tests. */
  public List<String> consumerNames() {
    return loops.stream().map(IngestConsumerLoop::consumer).toList();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return ManagementFactory.getRuntimeMXBean().getName();
    }
  }
}
