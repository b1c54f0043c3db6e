package io.vesana.notifications;

import io.vesana.auth.Caller;
import io.vesana.notifications.internal.JdbcDeliveryLog;
import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Read side of deliveries under the caller's tenant scope: a filtered list, and an alert's
 * deliveries (empty when the alert is not visible, so another tenant's alert does not exist).
 */
@ApplicationScoped
@Transactional
public class DeliveryLog {

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  private final JdbcDeliveryLog rows = new JdbcDeliveryLog();

  public List<DeliveryView> list(Caller caller, DeliveryFilter filter, long afterId, int limit) {
    try (Connection c = dataSource.getConnection()) {
      return rows.page(c, caller.scope(), filter, afterId, limit);
    } catch (SQLException e) {
      throw new IllegalStateException("deliveries not read", e);
    }
  }

  public Optional<List<DeliveryView>> forAlert(
      Caller caller, long alertId, long afterId, int limit) {
    try (Connection c = dataSource.getConnection()) {
      if (!rows.alertVisible(c, caller.scope(), alertId)) {
        return Optional.empty();
      }
      DeliveryFilter f = new DeliveryFilter(alertId, null, null);
      return Optional.of(rows.page(c, caller.scope(), f, afterId, limit));
    } catch (SQLException e) {
      throw new IllegalStateException("deliveries not read", e);
    }
  }
}
