package io.vesana.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.admin.PipelineSelfTest;
import io.vesana.admin.SelfTestState;
import io.vesana.admin.SelfTestState.Verdict;
import io.vesana.redis.RedisSelfTestRecords;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The self-test's round trip through the real pipeline: a synthetic result on the stream, real
 * consumers, current_status of the reserved tenant's service (migration V16), state in Redis.
 */
class PipelineSelfTestIT {

  private IngestFixture f;
  private RedisSelfTestRecords records;

  @BeforeEach
  void start() {
    f = new IngestFixture();
    f.queue.ensureGroup();
    records = new RedisSelfTestRecords(f.redis, f.prefix);
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  private PipelineSelfTest selfTest(Duration timeout) {
    return new PipelineSelfTest(f.dataSource(), f.queue, records, timeout);
  }

  @Test
  void aSyntheticResultReachesCurrentStatusAndItsLagIsShown() throws Exception {
    PipelineSelfTest t = selfTest(Duration.ofSeconds(60));
    assertThat(t.status().verdict()).isEqualTo(Verdict.NOT_STARTED);

    t.run();
    assertThat(t.status().verdict()).isEqualTo(Verdict.PENDING);
    assertThat(f.queue.length()).isEqualTo(1);
    f.start("c1");
    IngestFixture.await(
        "probe seen", Duration.ofSeconds(20), () -> t.status().verdict() == Verdict.OK);

    SelfTestState s = t.status().state();
    assertThat(s.lastLagMs()).isNotNull().isGreaterThanOrEqualTo(0L).isLessThan(20_000L);
    assertThat(s.outstanding()).isNull();
    assertThat(
            f.count(
                "SELECT count(*) FROM current_status cs JOIN tenants t ON t.id = cs.tenant_id"
                    + " WHERE t.slug = 'vesana-internal' AND cs.state = 0"))
        .isEqualTo(1);
  }

  @Test
  void aResultNotSeenInTimeFailsUntilALaterOneArrives() throws Exception {
    PipelineSelfTest t = selfTest(Duration.ofSeconds(1));
    t.run();
    Thread.sleep(1_500);

    assertThat(t.status().verdict()).isEqualTo(Verdict.FAILING);
    assertThat(t.status().detail()).contains("not seen in current_status after 1 s");
    t.run();
    assertThat(records.read().failingSince()).isNotNull();
    assertThat(records.read().outstanding()).isNotNull();
    assertThat(f.queue.length()).isEqualTo(2);

    f.start("c1");
    IngestFixture.await("drained", Duration.ofSeconds(20), f::drained);
    t.run();

    assertThat(records.read().failingSince()).isNull();
    assertThat(t.status().verdict()).isEqualTo(Verdict.OK);
  }

  @Test
  void noNewProbeGoesOutWhileTheLastIsAwaited() {
    PipelineSelfTest t = selfTest(Duration.ofSeconds(60));
    t.run();
    t.run();

    assertThat(f.queue.length()).isEqualTo(1);
  }
}
