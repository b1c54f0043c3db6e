package io.vesana.api.wiki;

import io.vesana.api.problems.BodyFields;
import io.vesana.api.problems.Problem;
import io.vesana.wiki.WikiPageDraft;
import io.vesana.wiki.WikiPageView;
import io.vesana.wiki.WikiRevisionView;
import io.vesana.wiki.WikiSearchHit;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Set;
import java.util.regex.Pattern;

/** Wiki JSON in and out; input errors point at their field. */
final class WikiJson {

  /** Same rule as the wiki_pages_slug_format constraint: lower-case words, '-' and '/'. */
  private static final Pattern SLUG =
      Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*");

  static final int MAX_BODY = 1_000_000;

  private WikiJson() {}

  static WikiPageDraft read(JsonObject body, boolean create, boolean tenantAllowed) {
    if (body == null) {
      throw Problem.badRequest("A JSON object body is required.");
    }
    JsonObject b =
        BodyFields.only(body, Set.of("tenant_id", "slug", "title", "body_md", "version"));
    Long tenant = BodyFields.id(b, "tenant_id");
    if (tenant != null && (!tenantAllowed || !create)) {
      throw BodyFields.invalid("tenant_id", "tenant_id can only be chosen by a super admin");
    }
    String slug = BodyFields.string(b, "slug", 200, true);
    if (!SLUG.matcher(slug).matches()) {
      throw BodyFields.invalid(
          "slug", "slug must be lower-case letters and digits in words joined by - and /");
    }
    String title = BodyFields.string(b, "title", 300, true);
    String md = markdown(b);
    Long version = null;
    JsonValue v = b.get("version");
    if (!create) {
      if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 0) {
        throw BodyFields.invalid("version", "version (the version you edited) is required");
      }
      version = n.longValue();
    }
    return new WikiPageDraft(tenant, slug, title, md, version);
  }

  /** Markdown is stored exactly as sent (no strip): whitespace is meaningful in it. */
  private static String markdown(JsonObject b) {
    JsonValue v = b.get("body_md");
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return "";
    }
    if (!(v instanceof JsonString s) || s.getString().length() > MAX_BODY) {
      throw BodyFields.invalid(
          "body_md", "body_md must be a string of at most " + MAX_BODY + " characters");
    }
    return s.getString();
  }

  static JsonObject write(WikiPageView p) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", p.id())
            .add("tenant_id", p.tenantId())
            .add("slug", p.slug())
            .add("title", p.title())
            .add("version", p.version())
            .add("created_at", p.createdAt().toString())
            .add("updated_at", p.updatedAt().toString());
    if (p.bodyMd() != null) {
      b.add("body_md", p.bodyMd());
    }
    nullable(b, "author_user_id", p.authorUserId());
    nullable(b, "updated_by_user_id", p.updatedByUserId());
    return b.build();
  }

  static JsonObject write(WikiRevisionView r) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("page_id", r.pageId())
            .add("revision", r.revision())
            .add("title", r.title())
            .add("created_at", r.createdAt().toString());
    if (r.bodyMd() != null) {
      b.add("body_md", r.bodyMd());
    }
    nullable(b, "author_user_id", r.authorUserId());
    return b.build();
  }

  static JsonObject write(WikiSearchHit h) {
    return Json.createObjectBuilder()
        .add("id", h.id())
        .add("slug", h.slug())
        .add("title", h.title())
        .add("rank", h.rank())
        .add("snippet", h.snippet())
        .build();
  }

  private static void nullable(JsonObjectBuilder b, String k, Long v) {
    if (v == null) {
      b.addNull(k);
    } else {
      b.add(k, v);
    }
  }
}
