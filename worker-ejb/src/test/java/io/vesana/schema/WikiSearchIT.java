package io.vesana.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.vesana.testing.Sql;
import io.vesana.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Wiki full-text search and the embedding column's fallback type when pgvector is absent. */
class WikiSearchIT {

  private TestDatabase db;
  private Connection c;
  private Sql sql;
  private long tenantA;
  private long tenantB;

  @BeforeEach
  void createMigratedDatabase() throws SQLException {
    db = TestDatabase.createMigrated();
    c = db.dataSource().getConnection();
    sql = new Sql(c);
    tenantA = sql.id("INSERT INTO tenants (slug, name) VALUES ('acme', 'Acme') RETURNING id");
    tenantB = sql.id("INSERT INTO tenants (slug, name) VALUES ('globex', 'Globex') RETURNING id");
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    c.close();
    db.close();
  }

  @Test
  void pageIsFoundByAWordInItsBodyWithinItsTenantOnly() throws SQLException {
    page(
        tenantA,
        "ups-battery",
        "UPS battery",
        "Replace the **battery** when runtime drops below 10 minutes.");
    page(tenantA, "backups", "Backups", "Nightly backups go to the NAS.");
    page(tenantB, "ups", "UPS", "Our runtime target is 30 minutes.");

    assertThat(search(tenantA, "runtime")).containsExactly("ups-battery");
    assertThat(search(tenantA, "nas")).containsExactly("backups");
    assertThat(search(tenantA, "kubernetes")).isEmpty();

    sql.exec("UPDATE wiki_pages SET body_md = 'Kubernetes upgrade notes' WHERE slug = 'backups'");
    assertThat(search(tenantA, "kubernetes")).as("search follows edits").containsExactly("backups");
  }

  @Test
  void searchUsesTheGinIndex() throws SQLException {
    assertThat(
            sql.string(
                "SELECT am.amname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                    + " JOIN pg_am am ON am.oid = ic.relam JOIN pg_attribute a"
                    + " ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
                    + " WHERE i.indrelid = 'wiki_pages'::regclass AND a.attname = 'search'"))
        .isEqualTo("gin");
    assertThat(
            sql.string(
                "SELECT attgenerated FROM pg_attribute"
                    + " WHERE attrelid = 'wiki_pages'::regclass AND attname = 'search'"))
        .isEqualTo("s");
  }

  @Test
  void embeddingIsARealArrayWithoutPgvector() throws SQLException {
    assumeThat(sql.string("SELECT count(*) FROM pg_extension WHERE extname = 'vector'"))
        .as("pgvector is installed: embedding is vector(1536), not real[]")
        .isEqualTo("0");

    assertThat(
            sql.string(
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = 'wiki_chunks'::regclass AND attname = 'embedding'"))
        .isEqualTo("real[]");
    long page = page(tenantA, "ups", "UPS", "text");
    sql.exec(
        "INSERT INTO wiki_chunks (tenant_id, page_id, page_version, ordinal, content, embedding)"
            + " VALUES ("
            + tenantA
            + ", "
            + page
            + ", 0, 0, 'text', ARRAY[0.1, 0.2]::real[])");
    assertThat(sql.string("SELECT embedding[2] FROM wiki_chunks")).isEqualTo("0.2");
  }

  @Test
  void embeddingIsAVectorWithPgvector_skippedWithoutPgvector() throws SQLException {
    assumeThat(sql.string("SELECT count(*) FROM pg_extension WHERE extname = 'vector'"))
        .as("pgvector is not installed on this server: vector branch not testable here")
        .isEqualTo("1");

    assertThat(
            sql.string(
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = 'wiki_chunks'::regclass AND attname = 'embedding'"))
        .isEqualTo("vector(1536)");
  }

  private long page(long tenant, String slug, String title, String body) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO wiki_pages (tenant_id, slug, title, body_md) VALUES (?, ?, ?, ?) RETURNING id")) {
      ps.setLong(1, tenant);
      ps.setString(2, slug);
      ps.setString(3, title);
      ps.setString(4, body);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private List<String> search(long tenant, String words) throws SQLException {
    List<String> slugs = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT slug FROM wiki_pages WHERE tenant_id = ? AND search @@ plainto_tsquery('simple', ?)"
                + " ORDER BY ts_rank(search, plainto_tsquery('simple', ?)) DESC, slug")) {
      ps.setLong(1, tenant);
      ps.setString(2, words);
      ps.setString(3, words);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          slugs.add(rs.getString(1));
        }
      }
    }
    return slugs;
  }
}
