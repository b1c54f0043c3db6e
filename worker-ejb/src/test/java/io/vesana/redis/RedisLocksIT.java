package io.vesana.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vesana.cluster.DistributedLocks.Lease;
import io.vesana.testing.TestRedis;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two contenders, each with its own Redis client, as two instances would be. */
class RedisLocksIT {

  private static final Duration LONG = Duration.ofSeconds(30);

  final TestRedis redis = new TestRedis();
  final RedisLocks a = new RedisLocks(redis.client(), redis.prefix());
  final RedisLocks b = new RedisLocks(redis.client(), redis.prefix());

  @AfterEach
  void tearDown() {
    redis.close();
  }

  @Test
  void onlyOneOfTwoConcurrentContendersGetsTheLock() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        String name = "race-" + round;
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Optional<Lease>> contendA =
            () -> {
              start.await(10, TimeUnit.SECONDS);
              return a.tryAcquire(name, LONG);
            };
        Callable<Optional<Lease>> contendB =
            () -> {
              start.await(10, TimeUnit.SECONDS);
              return b.tryAcquire(name, LONG);
            };
        Future<Optional<Lease>> fa = pool.submit(contendA);
        Future<Optional<Lease>> fb = pool.submit(contendB);
        Optional<Lease> la = fa.get(30, TimeUnit.SECONDS);
        Optional<Lease> lb = fb.get(30, TimeUnit.SECONDS);
        assertEquals(1, (la.isPresent() ? 1 : 0) + (lb.isPresent() ? 1 : 0), "round " + round);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void afterReleaseTheOtherCanTakeIt() {
    Lease held = a.tryAcquire("job", LONG).orElseThrow();
    assertTrue(b.tryAcquire("job", LONG).isEmpty());
    held.release();
    assertTrue(b.tryAcquire("job", LONG).isPresent());
    assertFalse(held.renew(LONG), "a released lease cannot be renewed");
  }

  @Test
  void expiryFreesTheLock() throws Exception {
    a.tryAcquire("job", Duration.ofMillis(300)).orElseThrow();
    assertTrue(b.tryAcquire("job", LONG).isEmpty());
    awaitAcquired(b, "job");
  }

  @Test
  void renewKeepsTheLockPastItsFirstTtl() throws Exception {
    Lease held = a.tryAcquire("job", Duration.ofMillis(500)).orElseThrow();
    assertTrue(held.renew(LONG));
    Thread.sleep(1_000);
    assertTrue(b.tryAcquire("job", LONG).isEmpty());
  }

  @Test
  void aNonOwnerCannotRenewOrDeleteTheOwnersLock() throws Exception {
    Lease stale = a.tryAcquire("job", Duration.ofMillis(300)).orElseThrow();
    Lease owner = awaitAcquired(b, "job");

    assertFalse(stale.renew(LONG), "expired holder must not extend the new owner's lock");
    stale.release();
    assertTrue(a.tryAcquire("job", LONG).isEmpty(), "owner's lock survives a stale release");
    assertTrue(owner.renew(LONG));
    owner.release();
    assertTrue(a.tryAcquire("job", LONG).isPresent());
  }

  @Test
  void locksOfDifferentNamesAreIndependent() {
    assertTrue(a.tryAcquire("one", LONG).isPresent());
    assertTrue(b.tryAcquire("two", LONG).isPresent());
  }

  private static Lease awaitAcquired(RedisLocks locks, String name) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() - until < 0) {
      Optional<Lease> l = locks.tryAcquire(name, LONG);
      if (l.isPresent()) {
        return l.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("lock " + name + " never became free");
  }
}
