package io.vesana.auth.twofactor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vesana.auth.twofactor.RecoveryCodeSet;
import io.vesana.auth.twofactor.RecoveryCodes;
import io.vesana.testing.Sql;
import io.vesana.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Recovery codes against the real schema: trigger-filled tenant, single use under concurrency. */
class RecoveryCodesIT {

  private final JdbcRecoveryCodes store = new JdbcRecoveryCodes();
  private TestDatabase db;
  private Connection c;
  private Sql sql;
  private long tenantId;
  private long userId;

  @BeforeEach
  void createUser() throws SQLException {
    db = TestDatabase.createMigrated();
    c = db.dataSource().getConnection();
    sql = new Sql(c);
    tenantId = sql.id("INSERT INTO tenants (slug, name) VALUES ('acme', 'Acme') RETURNING id");
    userId = user(tenantId, "alice@acme.example");
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    c.close();
    db.close();
  }

  @Test
  void eachCodeWorksOnce() throws SQLException {
    RecoveryCodeSet codes = RecoveryCodes.generate();
    store.replace(c, userId, codes.hashes());
    assertThat(store.remaining(c, userId)).isEqualTo(10);
    assertThat(sql.string("SELECT count(*) FROM user_recovery_codes WHERE tenant_id = " + tenantId))
        .as("the trigger copied the user's tenant")
        .isEqualTo("10");

    String typed = codes.codes().get(3).toUpperCase(Locale.ROOT).replace("-", " ");
    assertThat(store.consume(c, userId, typed)).isTrue();
    assertThat(store.consume(c, userId, codes.codes().get(3))).as("used already").isFalse();
    assertThat(store.consume(c, userId, "zzzz-zzzz-zzzz")).as("wrong code").isFalse();
    assertThat(store.consume(c, userId, "not a code")).isFalse();
    assertThat(store.consume(c, userId, null)).isFalse();
    assertThat(store.remaining(c, userId)).isEqualTo(9);
  }

  @Test
  void codesBelongToTheirUser() throws SQLException {
    long bob = user(tenantId, "bob@acme.example");
    RecoveryCodeSet alices = RecoveryCodes.generate();
    store.replace(c, userId, alices.hashes());

    assertThat(store.consume(c, bob, alices.codes().get(0))).isFalse();
    assertThat(store.remaining(c, bob)).isZero();
    assertThat(store.remaining(c, userId)).isEqualTo(10);
  }

  @Test
  void replaceDropsTheOldSetUsedOrNot() throws SQLException {
    RecoveryCodeSet old = RecoveryCodes.generate();
    store.replace(c, userId, old.hashes());
    assertThat(store.consume(c, userId, old.codes().get(0))).isTrue();

    RecoveryCodeSet fresh = RecoveryCodes.generate();
    store.replace(c, userId, fresh.hashes());
    assertThat(store.remaining(c, userId)).isEqualTo(10);
    assertThat(store.consume(c, userId, old.codes().get(1))).isFalse();
    assertThat(store.consume(c, userId, fresh.codes().get(1))).isTrue();
    assertThat(c.getAutoCommit()).as("auto-commit restored").isTrue();

    store.replace(c, userId, List.of());
    assertThat(store.remaining(c, userId)).isZero();
  }

  @Test
  void aFailedReplaceKeepsTheOldSet() throws SQLException {
    RecoveryCodeSet old = RecoveryCodes.generate();
    store.replace(c, userId, old.hashes());
    byte[] same = RecoveryCodes.generate().hashes().get(0);

    assertThatThrownBy(() -> store.replace(c, userId, List.of(same, same)))
        .isInstanceOf(SQLException.class);
    assertThat(store.remaining(c, userId)).isEqualTo(10);
    assertThat(c.getAutoCommit()).isTrue();
  }

  @Test
  void superAdminsHaveCodesToo() throws SQLException {
    long admin =
        sql.id(
            "INSERT INTO users (tenant_id, email, display_name, is_super_admin)"
                + " VALUES (NULL, 'root@vesana.example', 'Root', true) RETURNING id");
    store.replace(c, admin, RecoveryCodes.generate().hashes());
    assertThat(store.remaining(c, admin)).isEqualTo(10);
  }

  @Test
  void concurrentUseOfOneCodeSucceedsOnce() throws Exception {
    RecoveryCodeSet codes = RecoveryCodes.generate();
    store.replace(c, userId, codes.hashes());
    String code = codes.codes().get(0);

    for (int round = 0; round < 5; round++) {
      String attempt = round == 0 ? code : codes.codes().get(round);
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          results.add(
              pool.submit(
                  () -> {
                    try (Connection own = db.dataSource().getConnection()) {
                      own.setAutoCommit(false);
                      start.await();
                      boolean used = store.consume(own, userId, attempt);
                      // Hold the row lock a moment so the other thread really has to wait on it.
                      Thread.sleep(50);
                      own.commit();
                      return used;
                    }
                  }));
        }
        start.countDown();
        int wins = 0;
        for (Future<Boolean> r : results) {
          wins += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(wins).as("round %d", round).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(store.remaining(c, userId)).isEqualTo(5);
  }

  private long user(long tenant, String email) throws SQLException {
    return sql.id(
        "INSERT INTO users (tenant_id, email, display_name) VALUES ("
            + tenant
            + ", '"
            + email
            + "', 'Someone') RETURNING id");
  }
}
