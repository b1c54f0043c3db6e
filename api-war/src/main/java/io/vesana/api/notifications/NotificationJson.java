package io.vesana.api.notifications;

import static io.vesana.api.problems.BodyFields.invalid;

import io.vesana.api.problems.BodyFields;
import io.vesana.api.problems.Problem;
import io.vesana.notifications.ChannelDraft;
import io.vesana.notifications.ChannelDraft.SecretChange;
import io.vesana.notifications.ChannelKind;
import io.vesana.notifications.ChannelView;
import io.vesana.notifications.InvalidNotificationException;
import io.vesana.notifications.RuleDraft;
import io.vesana.notifications.RuleView;
import io.vesana.notifications.WebhookTestResult;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Set;

/** Channel and rule JSON in and out; a secret is read, never written out. */
final class NotificationJson {

  private static final Set<String> CHANNEL_FIELDS =
      Set.of("tenant_id", "name", "kind", "settings", "secret", "enabled");
  private static final Set<String> RULE_FIELDS =
      Set.of(
          "tenant_id",
          "name",
          "match",
          "channel_id",
          "escalation_delay_s",
          "repeat_interval_s",
          "notify_on_recovery",
          "priority",
          "enabled");

  private NotificationJson() {}

  static Problem problem(InvalidNotificationException e) {
    return invalid(e.pointer().substring(1), e.getMessage());
  }

  static JsonObject write(ChannelView v) {
    return Json.createObjectBuilder()
        .add("id", v.id())
        .add("tenant_id", v.tenantId())
        .add("name", v.name())
        .add("kind", v.kind().code())
        .add("settings", v.settings())
        .add("has_secret", v.hasSecret())
        .add("secret_meaning", v.kind().secretMeaning())
        .add("enabled", v.enabled())
        .add("created_at", v.createdAt().toString())
        .add("version", v.version())
        .build();
  }

  static JsonObject write(WebhookTestResult r) {
    JsonObjectBuilder b =
        Json.createObjectBuilder().add("delivered", r.delivered()).add("status", r.status());
    if (r.error() == null) {
      b.addNull("error");
    } else {
      b.add("error", r.error());
    }
    return b.build();
  }

  /**
   * On create an absent secret means none; on replace it keeps the stored one, {@code null} clears
   * it.
   */
  static ChannelDraft readChannel(JsonObject body, boolean tenantAllowed, boolean create) {
    JsonObject o = BodyFields.only(requireBody(body), CHANNEL_FIELDS);
    Long tenant = tenant(o, tenantAllowed);
    String name = BodyFields.string(o, "name", 200, true);
    ChannelKind kind;
    try {
      kind = ChannelKind.of(BodyFields.string(o, "kind", 20, true));
    } catch (InvalidNotificationException e) {
      throw problem(e);
    }
    JsonValue s = o.get("settings");
    JsonObject settings;
    if (s == null || s.getValueType() == JsonValue.ValueType.NULL) {
      settings = JsonValue.EMPTY_JSON_OBJECT;
    } else if (s instanceof JsonObject so) {
      settings = so;
    } else {
      throw invalid("settings", "settings must be an object");
    }
    SecretChange secret;
    JsonValue sv = o.get("secret");
    if (sv == null) {
      secret = create ? SecretChange.clear() : SecretChange.keep();
    } else if (sv.getValueType() == JsonValue.ValueType.NULL) {
      secret = SecretChange.clear();
    } else if (sv instanceof JsonString str
        && !str.getString().isBlank()
        && str.getString().length() <= 8192) {
      secret = SecretChange.set(str.getString());
    } else {
      throw invalid("secret", "secret must be a non-blank string of at most 8192 characters");
    }
    return new ChannelDraft(tenant, name, kind, settings, secret, bool(o, "enabled", true));
  }

  static JsonObject write(RuleView v) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", v.id())
            .add("tenant_id", v.tenantId())
            .add("name", v.name())
            .add("match", v.match())
            .add("channel_id", v.channelId())
            .add("escalation_delay_s", v.escalationDelayS())
            .add("notify_on_recovery", v.notifyOnRecovery())
            .add("priority", v.priority())
            .add("enabled", v.enabled())
            .add("created_at", v.createdAt().toString())
            .add("version", v.version());
    if (v.repeatIntervalS() == null) {
      b.addNull("repeat_interval_s");
    } else {
      b.add("repeat_interval_s", v.repeatIntervalS());
    }
    return b.build();
  }

  static RuleDraft readRule(JsonObject body, boolean tenantAllowed) {
    JsonObject o = BodyFields.only(requireBody(body), RULE_FIELDS);
    Long tenant = tenant(o, tenantAllowed);
    String name = BodyFields.string(o, "name", 200, true);
    JsonValue m = o.get("match");
    JsonObject match;
    if (m == null || m.getValueType() == JsonValue.ValueType.NULL) {
      match = JsonValue.EMPTY_JSON_OBJECT;
    } else if (m instanceof JsonObject mo) {
      match = mo;
    } else {
      throw invalid("match", "match must be an object");
    }
    Long channel = BodyFields.id(o, "channel_id");
    if (channel == null) {
      throw invalid("channel_id", "channel_id is required");
    }
    Integer delay = integer(o, "escalation_delay_s", 0, 604_800);
    Integer repeat = integer(o, "repeat_interval_s", 60, 604_800);
    Integer priority = integer(o, "priority", -1000, 1000);
    return new RuleDraft(
        tenant,
        name,
        match,
        channel,
        delay == null ? 0 : delay,
        repeat,
        bool(o, "notify_on_recovery", true),
        priority == null ? 0 : priority,
        bool(o, "enabled", true));
  }

  private static JsonObject requireBody(JsonObject body) {
    if (body == null) {
      throw Problem.badRequest("A JSON object body is required.");
    }
    return body;
  }

  private static Long tenant(JsonObject o, boolean allowed) {
    Long tenant = BodyFields.id(o, "tenant_id");
    if (tenant != null && !allowed) {
      throw invalid("tenant_id", "tenant_id can only be chosen by a super admin creating one");
    }
    return tenant;
  }

  private static Integer integer(JsonObject o, String k, int min, int max) {
    JsonValue v = o.get(k);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (v instanceof JsonNumber n
        && n.isIntegral()
        && n.longValue() >= min
        && n.longValue() <= max) {
      return n.intValue();
    }
    throw invalid(k, k + " must be an integer " + min + ".." + max);
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
