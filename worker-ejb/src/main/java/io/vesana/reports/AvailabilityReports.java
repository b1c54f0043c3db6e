package io.vesana.reports;

import io.vesana.auth.Caller;
import io.vesana.reports.internal.JdbcStateHistory;
import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Availability reports, a page of services at a time, in the caller's tenants. The period is capped
 * at {@code vesana.reports.max-period-days} (default 366) so one request cannot scan years of
 * history.
 */
@ApplicationScoped
public class AvailabilityReports {

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "vesana.reports.max-period-days", defaultValue = "366")
  long maxPeriodDays;

  private final JdbcStateHistory history = new JdbcStateHistory();

  public AvailabilityReports() {}

  /** For tests outside a container. */
  public AvailabilityReports(DataSource dataSource, long maxPeriodDays) {
    this.dataSource = dataSource;
    this.maxPeriodDays = maxPeriodDays;
  }

  public Duration maxPeriod() {
    return Duration.ofDays(maxPeriodDays);
  }

  /**
   * The next {@code limit} services of the report after service id {@code afterId}; empty if the
   * target is not visible to the caller (the API answers 404).
   */
  public Optional<List<ServiceAvailability>> page(
      Caller caller, AvailabilityQuery q, long afterId, int limit) {
    if (!q.to().isAfter(q.from())
        || Duration.between(q.from(), q.to()).compareTo(maxPeriod()) > 0) {
      throw new IllegalArgumentException("the period must be positive and at most the maximum");
    }
    boolean all = caller.superAdmin();
    var tenants = caller.scope().readableTenants();
    try (Connection c = dataSource.getConnection()) {
      if (!history.targetVisible(c, all, tenants, q.target(), q.targetId())) {
        return Optional.empty();
      }
      return Optional.of(history.page(c, all, tenants, q, afterId, limit));
    } catch (SQLException e) {
      throw new IllegalStateException("availability not read", e);
    }
  }
}
