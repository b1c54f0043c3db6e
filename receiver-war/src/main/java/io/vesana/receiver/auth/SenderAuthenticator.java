package io.vesana.receiver.auth;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The first line of every ingest endpoint: who is this, and may it send this message? */
@ApplicationScoped
public class SenderAuthenticator {

  @Inject
  @ConfigProperty(name = "vesana.receiver.auth.cache-ttl-ms", defaultValue = "5000")
  long cacheTtlMs;

  @Inject
  @ConfigProperty(name = "vesana.receiver.auth.cache-max-entries", defaultValue = "10000")
  int cacheMaxEntries;

  @Inject JdbcCredentials credentials;

  private CredentialCache cache;

  @PostConstruct
  void init() {
    cache = new CredentialCache(Clock.systemUTC(), cacheTtlMs, cacheMaxEntries);
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
