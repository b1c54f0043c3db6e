package io.vesana.wiki.internal;

import io.vesana.tenancy.JdbcTenantScope;
import io.vesana.wiki.WikiPageView;
import io.vesana.wiki.WikiRevisionView;
import io.vesana.wiki.WikiSearchHit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Pages and revisions. Reads take {@code (all, tenants)}: {@code (? OR tenant_id = ANY (?))} is
 * true only for a super admin. Writes name the one tenant they change.
 */
public final class JdbcWikiPages {

  private static final String LIST = "SELECT id, tenant_id, slug, title, NULL, version,";
  private static final String ONE = "SELECT id, tenant_id, slug, title, body_md, version,";
  private static final String PAGE =
      " author_user_id, updated_by_user_id,"
          + " created_at, updated_at FROM wiki_pages WHERE (? OR tenant_id = ANY (?))";

  public List<WikiPageView> list(
      Connection c, boolean all, Collection<Long> tenants, long afterId, int limit)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(LIST + PAGE + " AND id > ? ORDER BY id LIMIT ?")) {
      scope(c, ps, all, tenants);
      ps.setLong(3, afterId);
      ps.setInt(4, limit);
      return pages(ps);
    }
  }

  public Optional<WikiPageView> find(Connection c, boolean all, Collection<Long> tenants, long id)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ONE + PAGE + " AND id = ?")) {
      scope(c, ps, all, tenants);
      ps.setLong(3, id);
      List<WikiPageView> found = pages(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  /**
   * The best {@code limit} pages for a web-search-style query ({@code "exact phrase"}, {@code or},
   * {@code -not}), by ts_rank; ties by id. The snippet marks matches with [[ ]] rather than HTML,
   * so a client never has to trust markup built from page text.
   */
  public List<WikiSearchHit> search(
      Connection c, boolean all, Collection<Long> tenants, String query, int limit)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "WITH q AS (SELECT websearch_to_tsquery('simple', ?) AS tsq)"
                + " SELECT p.id, p.slug, p.title, ts_rank(p.search, q.tsq) AS rank,"
                + " ts_headline('simple', p.body_md, q.tsq, 'StartSel=[[, StopSel=]],"
                + " MaxWords=30, MinWords=10, MaxFragments=2')"
                + " FROM wiki_pages p, q WHERE (? OR p.tenant_id = ANY (?)) AND p.search @@ q.tsq"
                + " ORDER BY rank DESC, p.id LIMIT ?")) {
      ps.setString(1, query);
      ps.setBoolean(2, all);
      ps.setArray(3, c.createArrayOf("bigint", tenants.toArray()));
      ps.setInt(4, limit);
      List<WikiSearchHit> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new WikiSearchHit(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getDouble(4),
                  rs.getString(5)));
        }
      }
      return out;
    }
  }

  /** Inserts the page at version 0 and its revision 0; 23505 (slug taken) propagates. */
  public long insert(Connection c, long tenant, String slug, String title, String body, long user)
      throws SQLException {
    long id;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO wiki_pages (tenant_id, slug, title, body_md, author_user_id,"
                + " updated_by_user_id) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
      ps.setLong(1, tenant);
      ps.setString(2, slug);
      ps.setString(3, title);
      ps.setString(4, body);
      user(ps, 5, c, user);
      user(ps, 6, c, user);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
    }
    snapshot(c, tenant, id, user);
    return id;
  }

  /**
   * Saves a new version if the page is still at {@code expected}; false when it is not (someone
   * saved in between). 23505 (slug taken) propagates.
   */
  public boolean update(
      Connection c,
      long tenant,
      long id,
      long expected,
      String slug,
      String title,
      String body,
      long user)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE wiki_pages SET slug = ?, title = ?, body_md = ?, updated_by_user_id = ?,"
                + " updated_at = now(), version = version + 1"
                + " WHERE tenant_id = ? AND id = ? AND version = ?")) {
      ps.setString(1, slug);
      ps.setString(2, title);
      ps.setString(3, body);
      user(ps, 4, c, user);
      ps.setLong(5, tenant);
      ps.setLong(6, id);
      ps.setLong(7, expected);
      if (ps.executeUpdate() != 1) {
        return false;
      }
    }
    snapshot(c, tenant, id, user);
    return true;
  }

  public boolean delete(Connection c, long tenant, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM wiki_pages WHERE tenant_id = ? AND id = ?")) {
      ps.setLong(1, tenant);
      ps.setLong(2, id);
      return ps.executeUpdate() == 1;
    }
  }

  /** Revisions of a visible page, newest first, keyset by revision (before {@code before}). */
  public List<WikiRevisionView> revisions(
      Connection c, long tenant, long pageId, long before, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT page_id, revision, title, NULL, author_user_id, created_at"
                + " FROM wiki_page_revisions WHERE tenant_id = ? AND page_id = ? AND revision < ?"
                + " ORDER BY revision DESC LIMIT ?")) {
      ps.setLong(1, tenant);
      ps.setLong(2, pageId);
      ps.setLong(3, before);
      ps.setInt(4, limit);
      return revisionRows(ps);
    }
  }

  public Optional<WikiRevisionView> revision(Connection c, long tenant, long pageId, long revision)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT page_id, revision, title, body_md, author_user_id, created_at"
                + " FROM wiki_page_revisions WHERE tenant_id = ? AND page_id = ? AND revision = ?")) {
      ps.setLong(1, tenant);
      ps.setLong(2, pageId);
      ps.setLong(3, revision);
      List<WikiRevisionView> found = revisionRows(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  private static void snapshot(Connection c, long tenant, long id, long user) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO wiki_page_revisions (tenant_id, page_id, revision, title, body_md,"
                + " author_user_id) SELECT tenant_id, id, version, title, body_md,"
                + " updated_by_user_id FROM wiki_pages WHERE tenant_id = ? AND id = ?")) {
      ps.setLong(1, tenant);
      ps.setLong(2, id);
      ps.executeUpdate();
    }
  }

  /** The author, or NULL if the user row is gone (a page outlives its author). */
  private static void user(PreparedStatement ps, int i, Connection c, long user)
      throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM users WHERE id = ?")) {
      q.setLong(1, user);
      try (ResultSet rs = q.executeQuery()) {
        if (rs.next()) {
          ps.setLong(i, user);
        } else {
          ps.setNull(i, Types.BIGINT);
        }
      }
    }
  }

  private static void scope(Connection c, PreparedStatement ps, boolean all, Collection<Long> t)
      throws SQLException {
    JdbcTenantScope.bind(c, ps, 1, all, t);
  }

  private static List<WikiPageView> pages(PreparedStatement ps) throws SQLException {
    List<WikiPageView> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new WikiPageView(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(6),
                rs.getObject(7, Long.class),
                rs.getObject(8, Long.class),
                rs.getTimestamp(9).toInstant(),
                rs.getTimestamp(10).toInstant()));
      }
    }
    return out;
  }

  private static List<WikiRevisionView> revisionRows(PreparedStatement ps) throws SQLException {
    List<WikiRevisionView> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new WikiRevisionView(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5, Long.class),
                rs.getTimestamp(6).toInstant()));
      }
    }
    return out;
  }
}
