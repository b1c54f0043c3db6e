package io.vesana.tenancy.internal;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names of the tables that hold tenant data, learned from the mapping when a session factory is
 * built ({@link TenantTablesIntegrator}). Shared by every session factory of this class loader;
 * they all map the same entities.
 */
public final class TenantTables {

  private static final Set<String> NAMES = ConcurrentHashMap.newKeySet();

  private TenantTables() {}

  static void register(String table) {
    NAMES.add(table.toLowerCase(Locale.ROOT));
  }

  public static boolean contains(String table) {
    return NAMES.contains(table.toLowerCase(Locale.ROOT));
  }

  public static Set<String> names() {
    return Set.copyOf(NAMES);
  }
}
