package io.vesana.watchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vesana.redis.RedisLocks;
import io.vesana.redis.RedisWatcherRuns;
import io.vesana.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Three runners, each with its own Redis client, stand for three instances of a deployment. */
class WatcherRunnerIT {

  final TestRedis redis = new TestRedis();
  final ScheduledExecutorService renewals = Executors.newScheduledThreadPool(3);
  final ExecutorService instances = Executors.newFixedThreadPool(3);

  final AtomicInteger runs = new AtomicInteger();
  final AtomicInteger active = new AtomicInteger();
  final AtomicInteger maxActive = new AtomicInteger();
  final List<Long> startedNanos = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void tearDown() {
    instances.shutdownNow();
    renewals.shutdownNow();
    redis.close();
  }

  WatcherRunner instance(Duration ttl, Duration renewEvery) {
    JedisPooled client = redis.client();
    client.ping(); // connect before timing matters
    return new WatcherRunner(
        new RedisLocks(client, redis.prefix()),
        new RedisWatcherRuns(client, redis.prefix()),
        renewals,
        ttl,
        renewEvery);
  }

  List<WatcherRunner> threeInstances() {
    Duration ttl = WatcherRunner.DEFAULT_LOCK_TTL;
    Duration every = WatcherRunner.DEFAULT_RENEW_EVERY;
    return List.of(instance(ttl, every), instance(ttl, every), instance(ttl, every));
  }

  Runnable work(long sleepMs) {
    return () -> {
      runs.incrementAndGet();
      startedNanos.add(System.nanoTime());
      maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
      try {
        Thread.sleep(sleepMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        active.decrementAndGet();
      }
    };
  }

  @Test
  void timersFiringTogetherRunTheWorkOncePerPeriod() throws Exception {
    Duration period = Duration.ofSeconds(2);
    List<WatcherRunner> runners = threeInstances();
    long t0 = System.nanoTime();
    for (int round = 0; round < 3; round++) {
      sleepUntil(t0 + round * period.toNanos());
      CyclicBarrier together = new CyclicBarrier(3);
      List<Future<Boolean>> ran = new ArrayList<>();
      for (WatcherRunner r : runners) {
        ran.add(
            instances.submit(
                () -> {
                  together.await(30, TimeUnit.SECONDS);
                  return r.runExclusively("together", period, work(50));
                }));
      }
      int ranHere = 0;
      for (Future<Boolean> f : ran) {
        ranHere += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertEquals(1, ranHere, "round " + round);
    }
    assertEquals(3, runs.get());
    assertEquals(1, maxActive.get());
    assertEquals(3, recordedRuns("together"), "the run count in Redis");
  }

  @Test
  void unsynchronisedTimersRunTheWorkOncePerPeriod() throws Exception {
    Duration period = Duration.ofSeconds(1);
    List<WatcherRunner> runners = threeInstances();
    long t0 = System.nanoTime();
    List<Future<?>> timers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      WatcherRunner r = runners.get(i);
      long offset = i * period.toNanos() / 3;
      timers.add(
          instances.submit(
              () -> {
                for (int tick = 0; tick < 3; tick++) {
                  sleepUntil(t0 + offset + tick * period.toNanos());
                  r.runExclusively("staggered", period, work(20));
                }
                return null;
              }));
    }
    for (Future<?> f : timers) {
      f.get(60, TimeUnit.SECONDS);
    }
    assertEquals(3, runs.get(), "once in each of three periods, not once per instance");
    assertEquals(3, recordedRuns("staggered"), "the run count in Redis");
    List<Long> starts = new ArrayList<>(startedNanos);
    Collections.sort(starts);
    for (int i = 1; i < starts.size(); i++) {
      assertTrue(
          starts.get(i) - starts.get(i - 1) > period.toNanos() / 2, "two runs in one period");
    }
  }

  @Test
  void longWorkKeepsItsLockPastTheTtl() throws Exception {
    Duration ttl = Duration.ofSeconds(2);
    Duration every = Duration.ofMillis(500);
    Duration period = Duration.ofSeconds(1);
    WatcherRunner holder = instance(ttl, every);
    List<WatcherRunner> others = List.of(instance(ttl, every), instance(ttl, every));

    Future<Boolean> held =
        instances.submit(() -> holder.runExclusively("long", period, work(5_000)));
    awaitTrue(() -> runs.get() == 1);
    int attempts = 0;
    int othersRan = 0;
    while (!held.isDone()) {
      for (WatcherRunner r : others) {
        othersRan += r.runExclusively("long", period, work(0)) ? 1 : 0;
        attempts++;
      }
      Thread.sleep(100);
    }
    assertTrue(held.get(30, TimeUnit.SECONDS));
    assertEquals(0, othersRan, "no second instance while the first works");
    assertTrue(attempts > 10, "attempts: " + attempts);
    assertEquals(1, runs.get());
    assertEquals(1, maxActive.get());
    assertEquals(0, holder.lostLeases());

    assertTrue(others.get(0).runExclusively("long", period, work(0)), "released on completion");
  }

  @Test
  void aLostLockIsFlaggedAndTheWorkCompletes() throws Exception {
    WatcherRunner runner = instance(Duration.ofSeconds(2), Duration.ofMillis(200));
    JedisPooled admin = redis.client();
    RedisLocks otherInstance = new RedisLocks(admin, redis.prefix());
    boolean ran =
        runner.runExclusively(
            "lost",
            Duration.ofSeconds(1),
            () -> {
              // Another instance takes over, as after an expiry during a long pause.
              admin.del(redis.prefix() + "lock:watcher:lost");
              otherInstance.tryAcquire("watcher:lost", Duration.ofSeconds(30)).orElseThrow();
              sleep(1_000);
            });
    assertTrue(ran);
    assertEquals(1, runner.lostLeases());
    assertTrue(admin.exists(redis.prefix() + "lock:watcher:lost"), "the new owner's lock survives");
  }

  @Test
  void failedWorkIsNotRecordedAndReleasesTheLock() {
    List<WatcherRunner> runners = threeInstances();
    Duration period = Duration.ofMinutes(1);
    assertThrows(
        IllegalStateException.class,
        () ->
            runners
                .get(0)
                .runExclusively(
                    "failing",
                    period,
                    () -> {
                      throw new IllegalStateException("boom");
                    }));
    assertTrue(runners.get(1).runExclusively("failing", period, work(0)), "retried");
    assertFalse(runners.get(2).runExclusively("failing", period, work(0)), "then done");
    assertEquals(1, recordedRuns("failing"), "the failed run is not counted");
  }

  @Test
  void aLateRecordIsCountedButDoesNotMoveTheRecordBack() {
    JedisPooled client = redis.client();
    RedisWatcherRuns record = new RedisWatcherRuns(client, redis.prefix());
    assertEquals(0, recordedRuns("late"));
    Instant first = record.dueNow("late", Duration.ofMinutes(1)).orElseThrow();
    Instant second = first.plusSeconds(30);
    record.recordRun("late", second, Duration.ofMinutes(2));
    record.recordRun("late", first, Duration.ofMinutes(2));
    assertEquals(2, recordedRuns("late"), "both runs happened");
    assertEquals(
        Long.toString(second.toEpochMilli()),
        client.get(redis.prefix() + "watcher:late:last-run"),
        "the later start stays recorded");
  }

  private long recordedRuns(String watcher) {
    String count = redis.client().get(redis.prefix() + "watcher:" + watcher + ":runs");
    return count == null ? 0 : Long.parseLong(count);
  }

  @Test
  void unreachableRedisRunsNothing() {
    JedisPooled down = redis.unreachableClient();
    WatcherRunner runner =
        new WatcherRunner(
            new RedisLocks(down, redis.prefix()),
            new RedisWatcherRuns(down, redis.prefix()),
            renewals);
    assertFalse(runner.runExclusively("down", Duration.ofMinutes(1), work(0)));
    assertEquals(0, runs.get());
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long ms = TimeUnit.NANOSECONDS.toMillis(nanoTime - System.nanoTime());
    if (ms > 0) {
      Thread.sleep(ms);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - until > 0) {
        throw new AssertionError("timed out");
      }
      Thread.sleep(20);
    }
  }
}
