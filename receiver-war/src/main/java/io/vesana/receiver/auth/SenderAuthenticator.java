package io.vesana.receiver.auth;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The first line of every ingest endpoint: who is this, and may it send this message? */
@ApplicationScoped
public class SenderAuthenticator {

  private static final Logger LOG = Logger.getLogger(SenderAuthenticator.class.getName());

  /** Longest life of a found credential while its tenant's cache generation stands still. */
  @Inject
  @ConfigProperty(name = "vesana.receiver.auth.cache-ttl-ms", defaultValue = "600000")
  long cacheTtlMs;

  /** Life of an absence, and of everything while the generations cannot be read. */
  @Inject
  @ConfigProperty(name = "vesana.receiver.auth.cache-fallback-ttl-ms", defaultValue = "5000")
  long cacheFallbackTtlMs;

  @Inject
  @ConfigProperty(name = "vesana.receiver.auth.cache-max-entries", defaultValue = "200000")
  int cacheMaxEntries;

  @Inject JdbcCredentials credentials;

  private TenantGenerations generations;
  private CredentialCache cache;

  @PostConstruct
  void init() {
    Clock clock = Clock.systemUTC();
    generations = new TenantGenerations(clock::millis);
    cache =
        new CredentialCache(clock, cacheTtlMs, cacheFallbackTtlMs, cacheMaxEntries, generations);
  }

  /**
   * @param agentToken value of {@code X-Agent-Token}, or null
   * @param apiKey value of {@code X-API-Key}, or null
   * @param allowed the sender kinds this endpoint serves
   * @throws UnauthenticatedException no valid credential (401)
   * @throws ForbiddenSenderException valid, but not for this endpoint (403)
   * @throws CredentialStoreUnavailableException the database did not answer (503)
   */
  public Sender authenticate(String agentToken, String apiKey, Set<Sender.Kind> allowed) {
    PresentedCredential presented = PresentedCredential.of(agentToken, apiKey);
    try {
      generations.refreshIfDue(credentials::generations);
    } catch (CredentialStoreUnavailableException e) {
      // Cached credentials fall back to the short TTL once the generations are stale; a miss
      // below meets the same outage and answers 503.
      LOG.log(Level.FINE, "cache generations not readable", e);
    }
    Sender sender =
        cache
            .get(presented.cacheKey(), () -> credentials.find(presented))
            .orElseThrow(UnauthenticatedException::new);
    if (!allowed.contains(sender.kind())) {
      throw new ForbiddenSenderException();
    }
    return sender;
  }
}
