package io.vesana.api.downtimes;

import static io.vesana.api.problems.BodyFields.invalid;

import io.vesana.api.problems.BodyFields;
import io.vesana.downtimes.DowntimeCalendar;
import io.vesana.downtimes.DowntimeDraft;
import io.vesana.downtimes.DowntimeSchedule;
import io.vesana.downtimes.DowntimeScope;
import io.vesana.downtimes.DowntimeView;
import io.vesana.downtimes.Recurrence;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;

/** Downtime JSON in and out; every input error is a 400 with a pointer to its field. */
final class DowntimeJson {

  private static final Set<String> FIELDS =
      Set.of(
          "tenant_id",
          "scope",
          "host_id",
          "service_id",
          "host_group_id",
          "include_children",
          "starts_at",
          "ends_at",
          "recurrence",
          "comment");
  private static final Set<String> RECURRENCE_FIELDS =
      Set.of("days", "start_time", "duration_minutes", "time_zone");

  private DowntimeJson() {}

  static JsonObject write(DowntimeView d, Instant now) {
    DowntimeSchedule s = d.schedule();
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", d.id())
            .add("tenant_id", d.tenantId())
            .add("scope", d.scope().code())
            .add("include_children", d.includeChildren())
            .add("starts_at", s.startsAt().toString())
            .add("comment", d.comment())
            .add("created_at", d.createdAt().toString())
            .add("active_now", d.activeAt(now))
            .add("version", d.version());
    nullable(b, "host_id", d.hostId());
    nullable(b, "service_id", d.serviceId());
    nullable(b, "host_group_id", d.hostGroupId());
    nullable(b, "ends_at", s.endsAt());
    nullable(b, "author_user_id", d.authorUserId());
    nullable(b, "cancelled_at", d.cancelledAt());
    nullable(b, "ended_at", d.endedAt());
    if (s.recurring()) {
      Recurrence r = s.recurrence();
      JsonArrayBuilder days = Json.createArrayBuilder();
      EnumSet.allOf(DayOfWeek.class).stream()
          .filter(day -> r.days().contains(day))
          .forEach(day -> days.add(Recurrence.code(day)));
      b.add(
          "recurrence",
          Json.createObjectBuilder()
              .add("days", days)
              .add("start_time", r.startTime().toString())
              .add("duration_minutes", r.duration().toMinutes())
              .add("time_zone", r.zone().getId())
              .add("rrule", r.rrule()));
    } else {
      b.addNull("recurrence");
    }
    JsonValue next =
        d.cancelledAt() != null
            ? JsonValue.NULL
            : DowntimeCalendar.windowAt(s, now)
                .or(() -> DowntimeCalendar.nextAfter(s, now))
                .<JsonValue>map(
                    w ->
                        Json.createObjectBuilder()
                            .add("start", w.start().toString())
                            .add("end", w.end().toString())
                            .build())
                .orElse(JsonValue.NULL);
    b.add("current_or_next_window", next);
    return b.build();
  }

  private static void nullable(JsonObjectBuilder b, String k, Object v) {
    if (v == null) {
      b.addNull(k);
    } else if (v instanceof Long l) {
      b.add(k, l);
    } else {
      b.add(k, v.toString());
    }
  }

  static DowntimeDraft read(JsonObject body, boolean tenantAllowed, Instant now) {
    if (body == null) {
      throw invalid("", "a JSON object body is required");
    }
    BodyFields.only(body, FIELDS);
    Long tenant = BodyFields.id(body, "tenant_id");
    if (tenant != null && !tenantAllowed) {
      throw invalid("tenant_id", "tenant_id can only be chosen by a super admin creating one");
    }
    DowntimeScope scope;
    try {
      scope = DowntimeScope.of(BodyFields.string(body, "scope", 20, true));
    } catch (IllegalArgumentException e) {
      throw invalid("scope", e.getMessage());
    }
    Long host = BodyFields.id(body, "host_id");
    Long service = BodyFields.id(body, "service_id");
    Long group = BodyFields.id(body, "host_group_id");
    requireIds(scope, host, service, group);
    boolean children = bool(body, "include_children", true);
    String comment = BodyFields.string(body, "comment", 2000, true);
    return new DowntimeDraft(
        tenant, scope, host, service, group, children, schedule(body, now), comment);
  }

  private static void requireIds(DowntimeScope scope, Long host, Long service, Long group) {
    boolean wantsHost = scope != DowntimeScope.HOST_GROUP;
    if (wantsHost && host == null) {
      throw invalid("host_id", "host_id is required for scope " + scope.code());
    }
    if (!wantsHost && host != null) {
      throw invalid("host_id", "host_id must be absent for scope host_group");
    }
    if (scope == DowntimeScope.SERVICE && service == null) {
      throw invalid("service_id", "service_id is required for scope service");
    }
    if (scope != DowntimeScope.SERVICE && service != null) {
      throw invalid("service_id", "service_id is only allowed for scope service");
    }
    if (scope == DowntimeScope.HOST_GROUP && group == null) {
      throw invalid("host_group_id", "host_group_id is required for scope host_group");
    }
    if (scope != DowntimeScope.HOST_GROUP && group != null) {
      throw invalid("host_group_id", "host_group_id is only allowed for scope host_group");
    }
  }

  private static DowntimeSchedule schedule(JsonObject body, Instant now) {
    Instant starts = time(body, "starts_at");
    Instant ends = time(body, "ends_at");
    JsonValue rec = body.get("recurrence");
    if (rec == null || rec.getValueType() == JsonValue.ValueType.NULL) {
      if (ends == null) {
        throw invalid("ends_at", "ends_at is required for a one-off downtime");
      }
      Instant from = starts == null ? now : starts;
      if (!ends.isAfter(from)) {
        throw invalid("ends_at", "ends_at must be after starts_at");
      }
      return DowntimeSchedule.oneOff(from, ends);
    }
    if (!(rec instanceof JsonObject r)) {
      throw invalid("recurrence", "recurrence must be an object");
    }
    Recurrence recurrence = recurrence(r);
    DowntimeSchedule s =
        DowntimeSchedule.recurring(starts == null ? now : starts, null, recurrence);
    if (ends != null && !ends.isAfter(s.startsAt())) {
      throw invalid("ends_at", "ends_at must be after the first window's start");
    }
    return new DowntimeSchedule(s.startsAt(), ends, recurrence);
  }

  private static Recurrence recurrence(JsonObject r) {
    for (String k : r.keySet()) {
      if (!RECURRENCE_FIELDS.contains(k)) {
        throw invalid("recurrence/" + k, k + " is not a field of a recurrence");
      }
    }
    EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    JsonValue d = r.get("days");
    if (d != null && d.getValueType() != JsonValue.ValueType.NULL) {
      if (d.getValueType() != JsonValue.ValueType.ARRAY) {
        throw invalid("recurrence/days", "days must be an array of MO..SU");
      }
      for (JsonValue v : d.asJsonArray()) {
        try {
          days.add(Recurrence.day(((JsonString) v).getString()));
        } catch (ClassCastException | IllegalArgumentException e) {
          throw invalid("recurrence/days", "days must be an array of MO..SU");
        }
      }
    }
    LocalTime start;
    try {
      start = LocalTime.parse(required(r, "start_time"));
    } catch (DateTimeParseException e) {
      throw invalid("recurrence/start_time", "start_time must be a time such as 02:30");
    }
    JsonValue m = r.get("duration_minutes");
    if (!(m instanceof JsonNumber n)
        || !n.isIntegral()
        || n.longValue() < 1
        || n.longValue() > Recurrence.MAX_DURATION.toMinutes()) {
      throw invalid("recurrence/duration_minutes", "duration_minutes must be 1..10080");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(required(r, "time_zone"));
    } catch (DateTimeException e) {
      throw invalid("recurrence/time_zone", "time_zone must be an IANA zone such as Europe/Berlin");
    }
    return new Recurrence(days, start, Duration.ofMinutes(n.longValue()), zone);
  }

  private static String required(JsonObject r, String k) {
    JsonValue v = r.get(k);
    if (!(v instanceof JsonString s) || s.getString().isBlank() || s.getString().length() > 64) {
      throw invalid("recurrence/" + k, k + " is required (a string)");
    }
    return s.getString().strip();
  }

  private static Instant time(JsonObject o, String k) {
    String t = BodyFields.string(o, k, 40, false);
    if (t == null) {
      return null;
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw invalid(k, k + " must be an ISO-8601 instant such as 2027-01-31T00:00:00Z");
    }
  }

  private static boolean bool(JsonObject o, String k, boolean fallback) {
    JsonValue v = o.get(k);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return fallback;
    }
    if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
      throw invalid(k, k + " must be true or false");
    }
    return v == JsonValue.TRUE;
  }
}
