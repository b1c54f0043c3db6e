package io.vesana.audit;

import javax.sql.DataSource;

/** An {@link AuditTrail} on a test database, outside a container (records commit on their own). */
public final class TestAudit {

  private TestAudit() {}

  public static AuditTrail on(DataSource dataSource) {
    AuditTrail a = new AuditTrail();
    a.dataSource = dataSource;
    return a;
  }
}
