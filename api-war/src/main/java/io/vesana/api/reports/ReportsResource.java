package io.vesana.api.reports;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.BodyFields;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import io.vesana.reports.AvailabilityQuery;
import io.vesana.reports.AvailabilityQuery.Target;
import io.vesana.reports.AvailabilityReports;
import io.vesana.reports.ServiceAvailability;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/reports/availability?from&to&hostId|serviceId|hostGroupId[&excludeDowntimes]}:
 * time per hard state and availability of each service of the target over {@code [from, to)}. JSON
 * is keyset-paged by service id; {@code Accept: text/csv} or {@code format=csv} streams every
 * service as CSV, read a page at a time. Needs {@code reports.read}; a target of another tenant
 * answers 404.
 */
@Path("reports")
@RequestScoped
public class ReportsResource {

  static final MediaType CSV = new MediaType("text", "csv", "utf-8");
  private static final int CSV_PAGE = 200;

  @Inject Access access;
  @Inject AvailabilityReports reports;

  @GET
  @Path("availability")
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  public Response availability(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("hostId") Long hostId,
      @QueryParam("serviceId") Long serviceId,
      @QueryParam("hostGroupId") Long hostGroupId,
      @QueryParam("excludeDowntimes") @DefaultValue("false") boolean excludeDowntimes,
      @QueryParam("format") String format,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit,
      @Context HttpHeaders headers) {
    Caller caller = access.require(Permissions.REPORTS_READ);
    AvailabilityQuery q = query(from, to, hostId, serviceId, hostGroupId, excludeDowntimes);
    if (wantsCsv(format, headers)) {
      page(caller, q, 0, 1); // 404 before the stream starts
      return Response.ok(csv(caller, q), CSV)
          .header("Content-Disposition", "attachment; filename=\"availability.csv\"")
          .build();
    }
    KeysetPage.limit(limit);
    JsonObject page =
        KeysetPage.of(
            page(caller, q, after, limit),
            limit,
            ReportsResource::write,
            ServiceAvailability::serviceId);
    JsonObject out =
        Json.createObjectBuilder(page)
            .add("from", q.from().toString())
            .add("to", q.to().toString())
            .add("exclude_downtimes", q.excludeDowntimes())
            .build();
    return Response.ok(out, MediaType.APPLICATION_JSON_TYPE).build();
  }

  private AvailabilityQuery query(
      String from, String to, Long hostId, Long serviceId, Long groupId, boolean noDowntimes) {
    Instant f = instant("from", from);
    Instant t = instant("to", to);
    if (!t.isAfter(f)) {
      throw BodyFields.invalid("to", "to must be after from");
    }
    if (java.time.Duration.between(f, t).compareTo(reports.maxPeriod()) > 0) {
      throw BodyFields.invalid(
          "to", "the period may be at most " + reports.maxPeriod().toDays() + " days");
    }
    int targets =
        (hostId == null ? 0 : 1) + (serviceId == null ? 0 : 1) + (groupId == null ? 0 : 1);
    if (targets != 1) {
      throw BodyFields.invalid("hostId", "name exactly one of hostId, serviceId, hostGroupId");
    }
    if (hostId != null) {
      return new AvailabilityQuery(f, t, Target.HOST, hostId, noDowntimes);
    }
    if (serviceId != null) {
      return new AvailabilityQuery(f, t, Target.SERVICE, serviceId, noDowntimes);
    }
    return new AvailabilityQuery(f, t, Target.HOST_GROUP, groupId, noDowntimes);
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      throw BodyFields.invalid(name, name + " is required");
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw BodyFields.invalid(
          name, name + " must be an ISO-8601 instant such as 2025-01-31T00:00:00Z");
    }
  }

  private static boolean wantsCsv(String format, HttpHeaders headers) {
    if (format != null) {
      if (!format.equals("csv") && !format.equals("json")) {
        throw BodyFields.invalid("format", "format must be csv or json");
      }
      return format.equals("csv");
    }
    for (MediaType m : headers.getAcceptableMediaTypes()) {
      if (m.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        return false;
      }
      if ("text".equals(m.getType()) && "csv".equals(m.getSubtype())) {
        return true;
      }
    }
    return false;
  }

  private List<ServiceAvailability> page(Caller caller, AvailabilityQuery q, long after, int n) {
    return reports.page(caller, q, after, n).orElseThrow(() -> Problem.notFound("Report target"));
  }

  private StreamingOutput csv(Caller caller, AvailabilityQuery q) {
    return out -> {
      var w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      CsvWriter csv = new CsvWriter(w);
      csv.row(
          List.of(
              "service_id",
              "host_id",
              "host",
              "service",
              "ok_ms",
              "warning_ms",
              "critical_ms",
              "unknown_ms",
              "no_data_ms",
              "downtime_ms",
              "availability_percent"));
      long after = 0;
      List<ServiceAvailability> page;
      do {
        page = page(caller, q, after, CSV_PAGE);
        for (ServiceAvailability s : page) {
          csv.row(cells(s));
          after = s.serviceId();
        }
        w.flush();
      } while (page.size() == CSV_PAGE);
      w.flush();
    };
  }

  private static List<Object> cells(ServiceAvailability s) {
    var t = s.times();
    List<Object> row = new ArrayList<>();
    row.add(s.serviceId());
    row.add(s.hostId());
    row.add(s.hostName());
    row.add(s.serviceName());
    row.add(t.okMs());
    row.add(t.warningMs());
    row.add(t.criticalMs());
    row.add(t.unknownMs());
    row.add(t.noDataMs());
    row.add(t.downtimeMs());
    row.add(t.availabilityPercent() == null ? null : round(t.availabilityPercent()));
    return row;
  }

  private static double round(double percent) {
    return Math.round(percent * 1000) / 1000.0;
  }

  static JsonObject write(ServiceAvailability s) {
    var t = s.times();
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("service_id", s.serviceId())
            .add("tenant_id", s.tenantId())
            .add("host_id", s.hostId())
            .add("host_name", s.hostName())
            .add("service_name", s.serviceName())
            .add("ok_ms", t.okMs())
            .add("warning_ms", t.warningMs())
            .add("critical_ms", t.criticalMs())
            .add("unknown_ms", t.unknownMs())
            .add("no_data_ms", t.noDataMs())
            .add("downtime_ms", t.downtimeMs());
    if (t.availabilityPercent() == null) {
      b.addNull("availability_percent");
    } else {
      b.add("availability_percent", round(t.availabilityPercent()));
    }
    return b.build();
  }
}
