package io.vesana.launcher;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Which embedded stores {@code vesana services} runs, from {@code VESANA_SERVICES}. */
final class StoreSelection {
  static final String POSTGRES = "postgres";
  static final String REDIS = "redis";
  private static final Logger LOG = Logger.getLogger(StoreSelection.class.getName());

  private StoreSelection() {}

  static Set<String> parse(String value) throws UsageException {
    Set<String> stores = new TreeSet<>();
    for (String part : value.split(",")) {
      String store = part.trim().toLowerCase(Locale.ROOT);
      if (store.isEmpty()) {
        continue;
      }
      if (!store.equals(POSTGRES) && !store.equals(REDIS)) {
        throw new UsageException(
            "VESANA_SERVICES lists 'postgres' and/or 'redis', not '" + part.trim() + "'");
      }
      stores.add(store);
    }
    if (stores.isEmpty()) {
      throw new UsageException("VESANA_SERVICES names no store; use postgres,redis");
    }
    return stores;
  }

  /** The store a port setting belongs to. */
  static String storeOf(String portKey) {
    return portKey.contains("_PG_") ? POSTGRES : REDIS;
  }

  /** Stops Redis, then PostgreSQL; either may be null (not started). */
  static void stop(AutoCloseable redis, AutoCloseable postgres) {
    for (AutoCloseable store : new AutoCloseable[] {redis, postgres}) {
      if (store == null) {
        continue;
      }
      try {
        store.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "embedded store did not stop cleanly", e);
      }
    }
  }
}
