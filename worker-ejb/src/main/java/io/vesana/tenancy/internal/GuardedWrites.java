package io.vesana.tenancy.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Tables for which the entity listener has just approved a row write on this thread. The statement
 * inspector lets an entity's own {@code update/delete ... where id=?} through only for such a
 * table: the row was already checked against the scope, and the SQL has no tenant predicate of its
 * own. Cleared when the surrounding {@code TenantGuard} block ends.
 */
public final class GuardedWrites {

  private static final ThreadLocal<Set<String>> TABLES = ThreadLocal.withInitial(HashSet::new);

  private GuardedWrites() {}

  static void approve(String table) {
    TABLES.get().add(table.toLowerCase(Locale.ROOT));
  }

  static boolean approved(String table) {
    return TABLES.get().contains(table.toLowerCase(Locale.ROOT));
  }

  public static void clear() {
    TABLES.remove();
  }
}
