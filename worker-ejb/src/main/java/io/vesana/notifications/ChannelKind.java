package io.vesana.notifications;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The channel kinds of the schema, each with the non-secret settings it takes and what its secret
 * is. Settings are checked here field by field (unknown fields refused), so a channel that is
 * stored can be used; the database only re-checks that no secret-looking key slipped into settings.
 */
public enum ChannelKind {
  SMTP(
      "SMTP password (optional)",
      false,
      spec(
          "host", Field.TEXT_REQUIRED,
          "port", Field.PORT,
          "from", Field.EMAIL_REQUIRED,
          "to", Field.EMAILS_REQUIRED,
          "username", Field.TEXT,
          "starttls", Field.BOOLEAN)),
  WEBHOOK("HMAC-SHA256 signing key (optional)", false, spec("url", Field.URL_REQUIRED)),
  SLACK("incoming webhook URL", true, spec("channel", Field.TEXT)),
  TEAMS("incoming webhook URL", true, spec()),
  TELEGRAM("bot token", true, spec("chat_id", Field.TEXT_REQUIRED)),
  PAGERDUTY("Events API v2 routing key", true, spec()),
  FCM("service account JSON", true, spec("project_id", Field.TEXT_REQUIRED));

  enum Field {
    TEXT,
    TEXT_REQUIRED,
    URL_REQUIRED,
    EMAIL_REQUIRED,
    EMAILS_REQUIRED,
    PORT,
    BOOLEAN
  }

  private final String secretMeaning;
  private final boolean secretRequired;
  private final Map<String, Field> fields;

  ChannelKind(String secretMeaning, boolean secretRequired, Map<String, Field> fields) {
    this.secretMeaning = secretMeaning;
    this.secretRequired = secretRequired;
    this.fields = fields;
  }

  private static Map<String, Field> spec(Object... pairs) {
    Map<String, Field> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Field) pairs[i + 1]);
    }
    return m;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ChannelKind of(String code) {
    for (ChannelKind k : values()) {
      if (k.code().equals(code)) {
        return k;
      }
    }
    throw new InvalidNotificationException(
        "/kind", "kind must be one of smtp, webhook, slack, teams, telegram, pagerduty, fcm");
  }

  /** What the write-only {@code secret} of this kind holds. */
  public String secretMeaning() {
    return secretMeaning;
  }

  public boolean secretRequired() {
    return secretRequired;
  }

  /** Refuses unknown, missing and ill-typed settings of this kind, naming the field. */
  public void validate(JsonObject settings) {
    for (String k : settings.keySet()) {
      if (!fields.containsKey(k)) {
        throw bad(k, k + " is not a setting of a " + code() + " channel");
      }
    }
    fields.forEach((k, f) -> check(k, f, settings.get(k)));
  }

  private void check(String k, Field f, JsonValue v) {
    boolean absent = v == null || v.getValueType() == JsonValue.ValueType.NULL;
    boolean required = f.name().endsWith("_REQUIRED");
    if (absent) {
      if (required) {
        throw bad(k, k + " is required for a " + code() + " channel");
      }
      return;
    }
    switch (f) {
      case TEXT, TEXT_REQUIRED -> text(k, v, 255);
      case URL_REQUIRED -> url(k, text(k, v, 2000));
      case EMAIL_REQUIRED -> email(k, text(k, v, 254));
      case EMAILS_REQUIRED -> {
        if (v.getValueType() != JsonValue.ValueType.ARRAY
            || v.asJsonArray().isEmpty()
            || v.asJsonArray().size() > 50) {
          throw bad(k, k + " must be a list of 1 to 50 e-mail addresses");
        }
        v.asJsonArray().forEach(e -> email(k, text(k, e, 254)));
      }
      case PORT -> {
        if (!(v instanceof JsonNumber n)
            || !n.isIntegral()
            || n.longValue() < 1
            || n.longValue() > 65535) {
          throw bad(k, k + " must be a port number 1..65535");
        }
      }
      case BOOLEAN -> {
        if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
          throw bad(k, k + " must be true or false");
        }
      }
    }
  }

  private static String text(String k, JsonValue v, int max) {
    if (!(v instanceof JsonString s)
        || s.getString().isBlank()
        || s.getString().length() > max
        || s.getString().chars().anyMatch(Character::isISOControl)) {
      throw bad(k, k + " must be a non-blank string of at most " + max + " characters");
    }
    return s.getString();
  }

  private static void url(String k, String s) {
    try {
      URI u = new URI(s);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
        throw bad(k, k + " must be an http or https URL");
      }
      if (u.getUserInfo() != null) {
        // A password in the URL would be shown back and logged: it belongs in the secret.
        throw bad(k, k + " must not contain credentials; put them in the secret");
      }
    } catch (URISyntaxException e) {
      throw bad(k, k + " must be an http or https URL");
    }
  }

  private static void email(String k, String s) {
    int at = s.indexOf('@');
    if (at < 1 || at != s.lastIndexOf('@') || at == s.length() - 1 || s.contains(" ")) {
      throw bad(k, k + " must contain e-mail addresses like ops@example.com");
    }
  }

  private static InvalidNotificationException bad(String k, String detail) {
    return new InvalidNotificationException("/settings/" + k, detail);
  }
}
