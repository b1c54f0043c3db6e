package io.vesana.api.admin;

import io.vesana.api.auth.Access;
import io.vesana.api.paging.KeysetPage;
import io.vesana.api.problems.BodyFields;
import io.vesana.audit.AuditEntryView;
import io.vesana.audit.AuditFilter;
import io.vesana.audit.AuditLog;
import io.vesana.auth.Caller;
import io.vesana.auth.Permissions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/admin/audit-log?actorId&actor&entityType&from&to&before&limit}: audit records,
 * newest first, keyset-paged by id ({@code next_before}). Needs {@code audit.read}; a tenant user
 * sees their tenant's records, a super admin all.
 */
@Path("admin/audit-log")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {

  private static final Pattern ENTITY_TYPE = Pattern.compile("[a-z][a-z_]{0,62}");

  @Inject Access access;
  @Inject AuditLog log;

  @GET
  public JsonObject list(
      @QueryParam("actorId") Long actorId,
      @QueryParam("actor") String actor,
      @QueryParam("entityType") String entityType,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("before") @DefaultValue("9223372036854775807") long before,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Caller caller = access.require(Permissions.AUDIT_READ);
    KeysetPage.limit(limit);
    if (entityType != null && !ENTITY_TYPE.matcher(entityType).matches()) {
      throw BodyFields.invalid("entityType", "entityType must be a name such as host or role");
    }
    if (actor != null && (actor.isBlank() || actor.length() > 320)) {
      throw BodyFields.invalid("actor", "actor must be an e-mail address");
    }
    AuditFilter f = new AuditFilter(actorId, actor, entityType, time("from", from), time("to", to));
    List<AuditEntryView> page = log.list(caller, f, before, limit);
    var items = Json.createArrayBuilder();
    page.forEach(e -> items.add(write(e)));
    var out = Json.createObjectBuilder().add("items", items);
    if (page.size() == limit) {
      out.add("next_before", page.get(page.size() - 1).id());
    } else {
      out.addNull("next_before");
    }
    return out.build();
  }

  private static Instant time(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw BodyFields.invalid(
          name, name + " must be an ISO-8601 instant such as 2025-01-31T00:00:00Z");
    }
  }

  private static JsonObject write(AuditEntryView e) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", e.id())
            .add("actor_label", e.actorLabel())
            .add("action", e.action())
            .add("entity_type", e.entityType())
            .add("at", e.at().toString());
    nullable(b, "tenant_id", e.tenantId());
    nullable(b, "actor_user_id", e.actorUserId());
    b.add("entity_id", e.entityId() == null ? JsonValue.NULL : Json.createValue(e.entityId()));
    b.add("before", parse(e.before()));
    b.add("after", parse(e.after()));
    return b.build();
  }

  private static void nullable(JsonObjectBuilder b, String k, Long v) {
    if (v == null) {
      b.addNull(k);
    } else {
      b.add(k, v);
    }
  }

  private static JsonValue parse(String json) {
    if (json == null) {
      return JsonValue.NULL;
    }
    try (JsonReader r = Json.createReader(new StringReader(json))) {
      return r.readValue();
    }
  }
}
