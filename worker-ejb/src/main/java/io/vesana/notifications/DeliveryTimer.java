package io.vesana.notifications;

import io.vesana.schema.SchemaMigration;
import io.vesana.schema.VesanaDataSource;
import io.vesana.secrets.FieldCipher;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the {@link DeliverySender} every {@code vesana.notifications.delivery.tick-ms} (default
 * 5000) on every instance that has {@code vesana.notifications.delivery.enabled} (default true):
 * leases make instances share the queue, so no cluster-wide lock is needed. A tick sends batches
 * until the queue has nothing due, at most {@code max-batches-per-tick} (default 50). Other keys
 * ({@code batch} 20, {@code lease-seconds} 120, {@code retry-base-seconds} 30, {@code
 * retry-max-seconds} 3600, {@code max-attempts} 8, {@code timeout-ms} 10000): {@link
 * DeliverySettings}.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class DeliveryTimer {

  private static final Logger LOG = Logger.getLogger(DeliveryTimer.class.getName());
  private static final String P = "vesana.notifications.delivery.";

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Resource TimerService timers;

  @Inject SchemaMigration schema;
  @Inject FieldCipher cipher;

  @Inject
  @ConfigProperty(name = P + "enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = P + "tick-ms", defaultValue = "5000")
  long tickMs;

  @Inject
  @ConfigProperty(name = P + "max-batches-per-tick", defaultValue = "50")
  int maxBatches;

  @Inject
  @ConfigProperty(name = P + "batch", defaultValue = "20")
  int batch;

  @Inject
  @ConfigProperty(name = P + "lease-seconds", defaultValue = "120")
  long leaseSeconds;

  @Inject
  @ConfigProperty(name = P + "retry-base-seconds", defaultValue = "30")
  long retryBaseSeconds;

  @Inject
  @ConfigProperty(name = P + "retry-max-seconds", defaultValue = "3600")
  long retryMaxSeconds;

  @Inject
  @ConfigProperty(name = P + "max-attempts", defaultValue = "8")
  int maxAttempts;

  @Inject
  @ConfigProperty(name = P + "timeout-ms", defaultValue = "10000")
  long timeoutMs;

  private final AtomicBoolean busy = new AtomicBoolean();
  private DeliverySender sender;

  @PostConstruct
  void schedule() {
    if (!enabled) {
      LOG.info("notification delivery disabled (" + P + "enabled=false)");
      return;
    }
    DeliverySettings s =
        new DeliverySettings(
            batch,
            Duration.ofSeconds(leaseSeconds),
            Duration.ofSeconds(retryBaseSeconds),
            Duration.ofSeconds(retryMaxSeconds),
            maxAttempts,
            Duration.ofMillis(timeoutMs));
    if (tickMs < 100 || maxBatches < 1) {
      throw new IllegalStateException(P + "tick-ms must be >= 100, max-batches-per-tick >= 1");
    }
    sender = new DeliverySender(dataSource, cipher, ChannelSenders.standard(s.timeout()), s);
    timers.createIntervalTimer(tickMs, tickMs, new TimerConfig("notification-delivery", false));
  }

  @Timeout
  void tick() {
    // Sends can outlast a tick; one run at a time per instance.
    if (!busy.compareAndSet(false, true)) {
      return;
    }
    try {
      if (!schema.ensureMigrated()) {
        return;
      }
      for (int i = 0; i < maxBatches && sender.sendDue(Instant.now()) == batch; i++) {
        // next batch
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "notification delivery failed; the next tick retries", e);
    } finally {
      busy.set(false);
    }
  }
}
