package io.vesana.secrets;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Makes the configured {@link FieldCipher} injectable ({@code @Inject FieldCipher cipher}). Reads
 * the key ring once through MicroProfile Config ({@link FieldKeys#load}: {@code
 * vesana.secrets.field-encryption-key} or {@code FIELD_ENCRYPTION_KEY}, else the file named by
 * {@code vesana.secrets.field-encryption-key-file} or {@code FIELD_ENCRYPTION_KEY_FILE}, {@code
 * vesana.secrets.previous-keys} or {@code FIELD_ENCRYPTION_PREVIOUS_KEYS}).
 *
 * <p>It is built when the application starts, so an invalid key (not base64url, not 32 bytes) stops
 * the deployment with a message naming the setting, rather than surfacing at the first save. A
 * missing key does not stop it: instances that never touch secrets (the receiver) run without one,
 * and storing or reading a secret then fails with "FIELD_ENCRYPTION_KEY is not set".
 */
@ApplicationScoped
public class FieldCipherProducer {

  private static final Logger LOG = Logger.getLogger(FieldCipherProducer.class.getName());

  @Inject Config config;

  private FieldCipher cipher;

  @PostConstruct
  void load() {
    FieldKeys keys;
    try {
      keys = FieldKeys.load(name -> config.getOptionalValue(name, String.class));
    } catch (FieldKeyConfigException e) {
      // The container reports only "unable to invoke load()", not the cause: say it here.
      LOG.severe("field encryption: " + e.getMessage() + "; the application does not start");
      throw e;
    }
    if (keys.isConfigured()) {
      LOG.info(
          () ->
              "field encryption: current key id "
                  + keys.currentKeyId().orElseThrow()
                  + ", previous key ids "
                  + keys.previousKeyIds());
    } else {
      LOG.warning(
          FieldKeys.KEY_VARIABLE + " is not set: storing or reading secrets will fail until it is");
    }
    cipher = new FieldCipher(keys);
  }

  /** Forces {@link #load()} at deployment instead of at the first injection. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // Delivering the event instantiates the bean; nothing else to do.
  }

  /** Immutable and thread-safe, so one instance serves every injection point. */
  @Produces
  FieldCipher cipher() {
    return cipher;
  }
}
