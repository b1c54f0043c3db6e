package io.vesana.wiki;

import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.testing.Sql;
import io.vesana.testing.TestDatabase;
import io.vesana.wiki.internal.JdbcWikiPages;
import java.sql.Connection;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pages, revisions, optimistic versions and FTS on the real V7 schema. */
class JdbcWikiPagesIT {

  TestDatabase db;
  Connection c;
  JdbcWikiPages pages = new JdbcWikiPages();
  long acme;
  long globex;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabase.createMigrated();
    c = db.dataSource().getConnection();
    Sql sql = new Sql(c);
    acme = sql.id("INSERT INTO tenants (slug, name) VALUES ('acme', 'A') RETURNING id");
    globex = sql.id("INSERT INTO tenants (slug, name) VALUES ('globex', 'G') RETURNING id");
  }

  @AfterEach
  void tearDown() throws Exception {
    c.close();
    db.close();
  }

  @Test
  void aSaveFromAStaleVersionChangesNothingAndEachSaveKeepsARevision() throws Exception {
    long id = pages.insert(c, acme, "ups", "UPS", "v0", 999);
    assertThat(pages.update(c, acme, id, 0, "ups", "UPS", "v1", 999)).isTrue();
    assertThat(pages.update(c, acme, id, 0, "ups", "UPS", "lost", 999)).isFalse();
    var page = pages.find(c, false, Set.of(acme), id).orElseThrow();
    assertThat(page.bodyMd()).isEqualTo("v1");
    assertThat(page.version()).isEqualTo(1);
    assertThat(page.authorUserId()).as("no such user: kept as null").isNull();
    assertThat(pages.revisions(c, acme, id, Long.MAX_VALUE, 10))
        .extracting(WikiRevisionView::revision)
        .containsExactly(1L, 0L);
    assertThat(pages.revision(c, acme, id, 0).orElseThrow().bodyMd()).isEqualTo("v0");
  }

  @Test
  void searchIsRankedSnippetedAndTenantScoped() throws Exception {
    long strong = pages.insert(c, acme, "a", "Battery runbook", "battery battery battery", 1);
    long weak = pages.insert(c, acme, "b", "Other", "one battery mention among other words", 1);
    pages.insert(c, globex, "c", "Battery", "battery battery battery battery", 1);
    pages.insert(c, acme, "d", "Unrelated", "nothing here", 1);

    var hits = pages.search(c, false, Set.of(acme), "battery", 10);
    assertThat(hits).extracting(WikiSearchHit::id).containsExactly(strong, weak);
    assertThat(hits.get(1).snippet()).contains("[[battery]]");
    assertThat(pages.search(c, false, Set.of(acme), "\"other words\"", 10))
        .extracting(WikiSearchHit::id)
        .containsExactly(weak);
    assertThat(pages.search(c, false, Set.of(acme), "battery -mention", 10))
        .extracting(WikiSearchHit::id)
        .containsExactly(strong);
    assertThat(pages.search(c, true, Set.of(), "battery", 10)).hasSize(3);
    assertThat(pages.find(c, false, Set.of(globex), strong)).isEmpty();
  }
}
