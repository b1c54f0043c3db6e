package io.vesana.admin;

import io.vesana.admin.SelfTestState.Observation;
import io.vesana.contract.IngestStream;
import io.vesana.ingest.IngestQueue;
import io.vesana.schema.VesanaDataSource;
import io.vesana.tenancy.ReservedTenant;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pipeline self-test: a synthetic OK result for host {@value #HOST}, service {@value #SERVICE}
 * of the reserved internal tenant (migration V16), put on the ingest stream in exactly the format
 * the receiver writes, then looked for in {@code current_status}. Its lag is the time from the
 * result's {@code checked_at} (the database clock when it was sent) to the worker's write of {@code
 * current_status.updated_at} (the database clock too), so instance clocks do not matter.
 *
 * <p>{@link #run()} is the watcher's work, on one instance per period: it first looks at the probe
 * sent last (seen: its lag is recorded; not seen after {@code
 * vesana.watchers.self-test.timeout-seconds}, default 120: the test is failing until a later probe
 * arrives), then sends the next one unless the last is still awaited within the timeout (so a
 * failure is not hidden by ever-younger probes). {@link #status()} judges the same records live.
 */
@ApplicationScoped
public class PipelineSelfTest {

  public static final String HOST = "vesana-self-test";
  public static final String SERVICE = "pipeline";

  private static final Logger LOG = Logger.getLogger(PipelineSelfTest.class.getName());

  /** What health shows. */
  public record Status(
      SelfTestState.Verdict verdict, SelfTestState state, Duration timeout, String detail) {}

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject IngestQueue queue;
  @Inject SelfTestRecords records;

  @Inject
  @ConfigProperty(name = "vesana.watchers.self-test.timeout-seconds", defaultValue = "120")
  long timeoutSeconds;

  public PipelineSelfTest() {}

  /** For tests outside a container. */
  public PipelineSelfTest(
      DataSource dataSource, IngestQueue queue, SelfTestRecords records, Duration timeout) {
    this.dataSource = dataSource;
    this.queue = queue;
    this.records = records;
    this.timeoutSeconds = timeout.toSeconds();
  }

  /** One watcher run: judge the last probe, send the next when due. */
  public void run() {
    SelfTestState before = records.read();
    Target t = target();
    SelfTestState s = before.observe(t.observation(), timeout());
    if (s.failingSince() != null && before.failingSince() == null) {
      LOG.warning(
          () ->
              "pipeline self-test: the result sent at "
                  + before.outstanding()
                  + " was not in current_status after "
                  + timeoutSeconds
                  + " s");
    }
    if (s.readyToSend()) {
      Instant sent = t.observation().now();
      queue.append(entry(t.tenantId(), sent));
      s = s.sent(sent);
    }
    if (!s.equals(before)) {
      records.write(s);
    }
  }

  public Status status() {
    SelfTestState s = records.read();
    Observation o = target().observation();
    SelfTestState.Verdict v = s.verdict(o, timeout());
    String detail =
        switch (v) {
          case NOT_STARTED -> "no synthetic result sent yet";
          case PENDING -> "synthetic result sent, not yet seen in current_status";
          case OK -> "synthetic results reach current_status";
          case FAILING ->
              "synthetic result sent at "
                  + (s.failingSince() != null ? s.failingSince() : s.outstanding())
                  + " not seen in current_status after "
                  + timeoutSeconds
                  + " s";
        };
    return new Status(v, s.observe(o, timeout()), timeout(), detail);
  }

  private Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }

  /** The stream entry of one synthetic result: the receiver's fields, a collector's source. */
  static Map<String, String> entry(long tenantId, Instant checkedAt) {
    String body =
        Json.createObjectBuilder()
            .add(
                "results",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("host", HOST)
                            .add("service", SERVICE)
                            .add("state", 0)
                            .add("output", "pipeline self-test")
                            .add("checked_at", checkedAt.toEpochMilli())))
            .build()
            .toString();
    Map<String, String> f = new LinkedHashMap<>();
    f.put(IngestStream.F_VERSION, IngestStream.FORMAT_VERSION);
    f.put(IngestStream.F_KIND, IngestStream.KIND_RESULTS);
    f.put(IngestStream.F_TENANT, Long.toString(tenantId));
    f.put(IngestStream.F_SOURCE, IngestStream.SOURCE_COLLECTOR);
    // No credential sent it; 0 matches no API key, so no key's last use is touched.
    f.put(IngestStream.F_CREDENTIAL, "0");
    f.put(IngestStream.F_RECEIVED, Long.toString(checkedAt.toEpochMilli()));
    f.put(IngestStream.F_BODY, body);
    return f;
  }

  private record Target(long tenantId, Observation observation) {}

  private Target target() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                // Milliseconds: checked_at travels as epoch milliseconds.
                "SELECT t.id, date_trunc('milliseconds', clock_timestamp()), cs.last_check_at,"
                    + " cs.updated_at FROM tenants t"
                    + " LEFT JOIN hosts h ON h.tenant_id = t.id AND lower(h.name) = ?"
                    + " LEFT JOIN host_services s ON s.tenant_id = t.id AND s.host_id = h.id"
                    + " AND lower(s.name) = ?"
                    + " LEFT JOIN current_status cs ON cs.tenant_id = t.id AND cs.service_id = s.id"
                    + " WHERE t.slug = ?")) {
      ps.setString(1, HOST);
      ps.setString(2, SERVICE);
      ps.setString(3, ReservedTenant.SLUG);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("the reserved tenant of migration V16 is missing");
        }
        return new Target(
            rs.getLong(1),
            new Observation(
                rs.getTimestamp(2).toInstant(),
                instant(rs.getTimestamp(3)),
                instant(rs.getTimestamp(4))));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("self-test target not read", e);
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
