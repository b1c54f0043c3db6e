package io.vesana.downtimes;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.Caller;
import io.vesana.downtimes.internal.JdbcDowntimes;
import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Downtime use cases, one container transaction each, under the caller's tenant scope; every change
 * writes its audit record in the same transaction. Deleting cancels: the row stays as history (and
 * ends a running downtime at the watcher's next run).
 */
@ApplicationScoped
@Transactional
public class DowntimeBook {

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject AuditTrail audit;

  private final JdbcDowntimes rows = new JdbcDowntimes();

  /**
   * One page in id order after {@code afterId}. With "active now" the database narrows to rows
   * whose span contains now and the calendar decides; pages are read until {@code limit} rows
   * matched or the rows ran out, so a page is full unless the list ended.
   */
  public List<DowntimeView> list(
      Caller caller, DowntimeFilter filter, Instant now, long afterId, int limit) {
    try (Connection c = dataSource.getConnection()) {
      List<DowntimeView> out = new ArrayList<>(limit);
      long after = afterId;
      while (out.size() < limit) {
        List<DowntimeView> chunk = rows.page(c, caller.scope(), filter, now, after, limit);
        for (DowntimeView d : chunk) {
          if (!filter.activeNow() || d.activeAt(now)) {
            out.add(d);
            if (out.size() == limit) {
              break;
            }
          }
        }
        if (chunk.size() < limit) {
          break;
        }
        after = chunk.get(chunk.size() - 1).id();
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("downtimes not read", e);
    }
  }

  public Optional<DowntimeView> get(Caller caller, long id) {
    try (Connection c = dataSource.getConnection()) {
      return rows.find(c, caller.scope(), id);
    } catch (SQLException e) {
      throw new IllegalStateException("downtime not read", e);
    }
  }

  public DowntimeView create(Caller caller, DowntimeDraft d) {
    long tenant = caller.scope().tenantForNewRow(d.tenantId());
    try (Connection c = dataSource.getConnection()) {
      long id = rows.insert(c, tenant, d, caller.userId());
      DowntimeView v = rows.find(c, caller.scope(), id).orElseThrow();
      audit.record(caller, tenant, "downtime.created", "downtime", "" + id, null, json(v));
      return v;
    } catch (SQLException e) {
      throw translate(e, "downtime not created");
    }
  }

  public Optional<DowntimeView> update(Caller caller, long id, DowntimeDraft d) {
    try (Connection c = dataSource.getConnection()) {
      Optional<DowntimeView> found = writable(c, caller, id);
      if (found.isEmpty()) {
        return found;
      }
      DowntimeView before = found.get();
      if (before.cancelledAt() != null) {
        throw new DowntimeCancelledException();
      }
      rows.update(c, before.tenantId(), id, d);
      DowntimeView after = rows.find(c, caller.scope(), id).orElseThrow();
      audit.record(
          caller,
          before.tenantId(),
          "downtime.updated",
          "downtime",
          "" + id,
          json(before),
          json(after));
      return Optional.of(after);
    } catch (SQLException e) {
      throw translate(e, "downtime not updated");
    }
  }

  /** Cancels; false if the caller cannot see or change it. Cancelling twice changes nothing. */
  public boolean cancel(Caller caller, long id) {
    try (Connection c = dataSource.getConnection()) {
      Optional<DowntimeView> found = writable(c, caller, id);
      if (found.isEmpty()) {
        return false;
      }
      DowntimeView before = found.get();
      if (rows.cancel(c, before.tenantId(), id, caller.userId())) {
        DowntimeView after = rows.find(c, caller.scope(), id).orElseThrow();
        audit.record(
            caller,
            before.tenantId(),
            "downtime.cancelled",
            "downtime",
            "" + id,
            json(before),
            json(after));
      }
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("downtime not cancelled", e);
    }
  }

  private Optional<DowntimeView> writable(Connection c, Caller caller, long id)
      throws SQLException {
    return rows.find(c, caller.scope(), id).filter(d -> caller.scope().canWrite(d.tenantId()));
  }

  private static RuntimeException translate(SQLException e, String what) {
    // 23503: a referenced host/service/group is not in this tenant; 23514: shape check failed.
    if ("23503".equals(e.getSQLState()) || "23514".equals(e.getSQLState())) {
      return new DowntimeReferenceException();
    }
    return new IllegalStateException(what, e);
  }

  /** The audit image (no secrets in a downtime). */
  public static JsonObject json(DowntimeView v) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", v.id())
            .add("tenant_id", v.tenantId())
            .add("scope", v.scope().code())
            .add("include_children", v.includeChildren())
            .add("starts_at", v.schedule().startsAt().toString())
            .add("comment", v.comment());
    add(b, "host_id", v.hostId());
    add(b, "service_id", v.serviceId());
    add(b, "host_group_id", v.hostGroupId());
    add(b, "ends_at", v.schedule().endsAt());
    add(b, "cancelled_at", v.cancelledAt());
    if (v.schedule().recurring()) {
      Recurrence r = v.schedule().recurrence();
      b.add("rrule", r.rrule())
          .add("duration", r.duration().toString())
          .add("time_zone", r.zone().getId());
    }
    return b.build();
  }

  private static void add(JsonObjectBuilder b, String k, Object v) {
    if (v instanceof Long l) {
      b.add(k, l);
    } else if (v != null) {
      b.add(k, v.toString());
    }
  }
}
