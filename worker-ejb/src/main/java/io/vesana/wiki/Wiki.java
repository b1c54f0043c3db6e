package io.vesana.wiki;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.Caller;
import io.vesana.schema.VesanaDataSource;
import io.vesana.wiki.WikiException.Kind;
import io.vesana.wiki.internal.JdbcWikiPages;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Wiki use cases, one transaction each, in the caller's tenants. Saves are audited with slug, title
 * and version only: page bodies can be long, and the revisions table already keeps every version.
 */
@ApplicationScoped
@Transactional
public class Wiki {

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject AuditTrail audit;

  private final JdbcWikiPages pages = new JdbcWikiPages();

  public List<WikiPageView> list(Caller caller, long afterId, int limit) {
    try (Connection c = dataSource.getConnection()) {
      return pages.list(c, caller.superAdmin(), caller.scope().readableTenants(), afterId, limit);
    } catch (SQLException e) {
      throw new IllegalStateException("wiki pages not read", e);
    }
  }

  public List<WikiSearchHit> search(Caller caller, String query, int limit) {
    try (Connection c = dataSource.getConnection()) {
      return pages.search(c, caller.superAdmin(), caller.scope().readableTenants(), query, limit);
    } catch (SQLException e) {
      throw new IllegalStateException("wiki not searched", e);
    }
  }

  public Optional<WikiPageView> get(Caller caller, long id) {
    try (Connection c = dataSource.getConnection()) {
      return find(c, caller, id);
    } catch (SQLException e) {
      throw new IllegalStateException("wiki page not read", e);
    }
  }

  /** Revisions, newest first, before revision {@code before}; empty if the page is not visible. */
  public Optional<List<WikiRevisionView>> revisions(
      Caller caller, long pageId, long before, int limit) {
    try (Connection c = dataSource.getConnection()) {
      Optional<WikiPageView> page = find(c, caller, pageId);
      if (page.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(pages.revisions(c, page.get().tenantId(), pageId, before, limit));
    } catch (SQLException e) {
      throw new IllegalStateException("wiki revisions not read", e);
    }
  }

  public Optional<WikiRevisionView> revision(Caller caller, long pageId, long revision) {
    try (Connection c = dataSource.getConnection()) {
      Optional<WikiPageView> page = find(c, caller, pageId);
      if (page.isEmpty()) {
        return Optional.empty();
      }
      return pages.revision(c, page.get().tenantId(), pageId, revision);
    } catch (SQLException e) {
      throw new IllegalStateException("wiki revision not read", e);
    }
  }

  public WikiPageView create(Caller caller, WikiPageDraft d) {
    long tenant = caller.scope().tenantForNewRow(d.tenantId());
    try (Connection c = dataSource.getConnection()) {
      long id = pages.insert(c, tenant, d.slug(), d.title(), d.bodyMd(), caller.userId());
      WikiPageView v = find(c, caller, id).orElseThrow();
      audit.record(caller, tenant, "wiki_page.created", "wiki_page", "" + id, null, json(v));
      return v;
    } catch (SQLException e) {
      throw translate(e, d.slug());
    }
  }

  /**
   * Saves a new version; empty if the page is not visible or writable; {@link WikiException} with
   * {@link Kind#STALE_VERSION} if it changed since {@code expectedVersion}.
   */
  public Optional<WikiPageView> update(Caller caller, long id, WikiPageDraft d) {
    try (Connection c = dataSource.getConnection()) {
      Optional<WikiPageView> before = find(c, caller, id);
      if (before.isEmpty() || !caller.scope().canWrite(before.get().tenantId())) {
        return Optional.empty();
      }
      long tenant = before.get().tenantId();
      if (!pages.update(
          c, tenant, id, d.expectedVersion(), d.slug(), d.title(), d.bodyMd(), caller.userId())) {
        throw new WikiException(
            Kind.STALE_VERSION,
            "the page was changed by someone else (now version "
                + before.get().version()
                + "); reload it and apply your edit again");
      }
      WikiPageView after = find(c, caller, id).orElseThrow();
      audit.record(
          caller,
          tenant,
          "wiki_page.updated",
          "wiki_page",
          "" + id,
          json(before.get()),
          json(after));
      return Optional.of(after);
    } catch (SQLException e) {
      throw translate(e, d.slug());
    }
  }

  public boolean delete(Caller caller, long id) {
    try (Connection c = dataSource.getConnection()) {
      Optional<WikiPageView> before = find(c, caller, id);
      if (before.isEmpty() || !caller.scope().canWrite(before.get().tenantId())) {
        return false;
      }
      pages.delete(c, before.get().tenantId(), id);
      audit.record(
          caller,
          before.get().tenantId(),
          "wiki_page.deleted",
          "wiki_page",
          "" + id,
          json(before.get()),
          null);
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("wiki page not deleted", e);
    }
  }

  private Optional<WikiPageView> find(Connection c, Caller caller, long id) throws SQLException {
    return pages.find(c, caller.superAdmin(), caller.scope().readableTenants(), id);
  }

  private static RuntimeException translate(SQLException e, String slug) {
    if ("23505".equals(e.getSQLState())) {
      return new WikiException(Kind.SLUG_TAKEN, "a page with the slug " + slug + " exists");
    }
    return new IllegalStateException("wiki page not saved", e);
  }

  private static JsonObject json(WikiPageView v) {
    return Json.createObjectBuilder()
        .add("id", v.id())
        .add("slug", v.slug())
        .add("title", v.title())
        .add("version", v.version())
        .build();
  }
}
