package io.vesana.workerapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vesana.cluster.InstanceHeartbeat;
import io.vesana.cluster.InstanceRegistry;
import io.vesana.tenancy.TenantScope;
import io.vesana.tenancy.UnscopedTenantAccessException;
import jakarta.inject.Inject;
import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The worker WAR as built, deployed on a real Payara Micro (managed by Arquillian), with these
 * tests running inside it: the tenant filter works in the container's JTA persistence context, and
 * the {@code @Schedule} heartbeat timer fires.
 */
@ExtendWith(ArquillianExtension.class)
class WorkerInContainerIT {

  static final String DATABASE = "vesana_arquillian_it";

  @Inject TenancyProbe probe;
  @Inject InstanceHeartbeat heartbeat;
  @Inject InstanceRegistry registry;

  @Deployment
  static WebArchive worker() throws Exception {
    // Runs on the client before deployment: a fresh database for the container to migrate.
    String host = System.getProperty("vesana.it.db.host", "127.0.0.1");
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":5432/postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + DATABASE);
    }
    return ShrinkWrap.create(ZipImporter.class, "vesana-worker.war")
        .importFrom(new File("target/vesana-worker.war"))
        .as(WebArchive.class)
        .addClasses(TenancyProbe.class, WorkerInContainerIT.class);
  }

  @Test
  void tenantFilterScopesQueriesInsideTheContainer() {
    long a = probe.createTenant("arq-a-" + System.nanoTime() % 100000);
    long b = probe.createTenant("arq-b-" + System.nanoTime() % 100000);
    long hostOfA = probe.addHost(TenantScope.of(a), a, "db-a");
    long hostOfB = probe.addHost(TenantScope.of(b), b, "db-b");

    assertEquals(List.of("db-a"), probe.hostNames(TenantScope.of(a)));
    assertFalse(probe.findHost(TenantScope.of(a), hostOfB), "tenant A must not see B's host");
    assertTrue(probe.findHost(TenantScope.of(a), hostOfA));
    List<String> all = probe.hostNames(TenantScope.allTenants());
    assertTrue(all.containsAll(List.of("db-a", "db-b")), "super admin sees both: " + all);
  }

  @Test
  void unscopedQueryThrowsInsideTheContainer() {
    RuntimeException e = assertThrows(RuntimeException.class, () -> probe.unscopedHostCount());
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    assertTrue(
        chain.stream().anyMatch(UnscopedTenantAccessException.class::isInstance),
        "expected UnscopedTenantAccessException in " + chain);
  }

  @Test
  void scheduledHeartbeatTimerFires() throws InterruptedException {
    Instant first = lastBeat().orElseThrow(() -> new AssertionError("no heartbeat in Redis"));
    // The @Schedule timer fires every 10 s; wait (bounded) until it has written a newer beat.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    Optional<Instant> later = Optional.empty();
    while (Instant.now().isBefore(deadline)) {
      later = lastBeat().filter(t -> t.isAfter(first));
      if (later.isPresent()) {
        break;
      }
      Thread.sleep(500);
    }
    assertTrue(later.isPresent(), "a heartbeat written by the timer after " + first);
  }

  private Optional<Instant> lastBeat() {
    return registry.live("worker").stream()
        .filter(m -> m.get("key").endsWith(":" + heartbeat.instanceId()))
        .map(m -> Instant.parse(m.get("lastBeat")))
        .findFirst();
  }
}
