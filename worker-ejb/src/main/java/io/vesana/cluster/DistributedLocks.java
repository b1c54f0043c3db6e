package io.vesana.cluster;

import java.time.Duration;
import java.util.Optional;

/**
 * Named locks shared by all instances of a deployment, each expiring unless renewed, so a crashed
 * holder frees its lock by itself.
 *
 * <p>Every acquisition carries a random 128-bit owner token: {@link Lease#renew} and {@link
 * Lease#release} only act while the lock still holds that token, so a holder whose lock expired and
 * was taken by another instance can neither extend nor delete the new holder's lock.
 *
 * <p>Implementations are thread-safe. Store failures surface as unchecked exceptions.
 */
public interface DistributedLocks {

  /**
   * Takes the lock {@code name} for {@code ttl} if nobody holds it; empty if somebody does. Never
   * waits.
   */
  Optional<Lease> tryAcquire(String name, Duration ttl);

  /** One holding of a lock. Thread-safe: renewal may run on another thread than the work. */
  interface Lease extends AutoCloseable {

    String name();

    /**
     * Sets the remaining lifetime to {@code ttl}; false if the lock is no longer ours (expired,
     * taken over, or released).
     */
    boolean renew(Duration ttl);

    /** Frees the lock if it is still ours; otherwise does nothing. Idempotent. */
    void release();

    @Override
    default void close() {
      release();
    }
  }
}
