package io.vesana.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vesana.checks.CheckStateMachine.Applied;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckStateMachineTest {

  static final CheckConfig THREE = new CheckConfig(3, 60, 15);
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private static Applied apply(ServiceStatus s, int state, int second) {
    return assertInstanceOf(
        Applied.class, CheckStateMachine.apply(s, state, T0.plusSeconds(second), THREE));
  }

  @Test
  void firstOkIsHardAndQuiet() {
    Applied a = apply(ServiceStatus.pending(), 0, 0);
    assertEquals(ServiceStatus.HARD, a.status().stateType());
    assertTrue(a.change().isEmpty());
    assertTrue(a.hardChange().isEmpty());
  }

  @Test
  void problemIsSoftUntilMaxAttemptsThenHard() {
    Applied a1 = apply(ServiceStatus.pending(), 2, 0);
    assertEquals(ServiceStatus.SOFT, a1.status().stateType());
    assertEquals(1, a1.status().attempt());
    assertTrue(a1.change().isPresent());
    assertEquals(T0.plusSeconds(15), CheckStateMachine.nextCheckDue(a1.status(), THREE));
    Applied a2 = apply(a1.status(), 2, 15);
    assertEquals(2, a2.status().attempt());
    assertTrue(a2.change().isEmpty(), "same soft state, no change row");
    Applied a3 = apply(a2.status(), 2, 30);
    assertEquals(ServiceStatus.HARD, a3.status().stateType());
    assertEquals(3, a3.status().attempt());
    assertTrue(a3.hardChange().orElseThrow().isProblemStart());
    assertEquals(T0.plusSeconds(90), CheckStateMachine.nextCheckDue(a3.status(), THREE));
    Applied a4 = apply(a3.status(), 2, 90);
    assertEquals(3, a4.status().attempt(), "attempt stays at max while hard");
    assertTrue(a4.hardChange().isEmpty());
  }

  @Test
  void hardProblemChangingSeverityIsAHardChange() {
    ServiceStatus s = ServiceStatus.pending();
    for (int i = 0; i < 3; i++) {
      s = apply(s, 1, i).status();
    }
    Applied crit = apply(s, 2, 10);
    assertEquals(1, crit.hardChange().orElseThrow().oldHardState());
    assertFalse(crit.hardChange().get().isProblemStart());
  }

  @Test
  void recoveryFromHardResolvesAndResetsAttempt() {
    ServiceStatus s = ServiceStatus.pending();
    for (int i = 0; i < 3; i++) {
      s = apply(s, 2, i).status();
    }
    Applied ok = apply(s, 0, 10);
    assertEquals(1, ok.status().attempt());
    assertTrue(ok.hardChange().orElseThrow().isRecovery());
    assertEquals(T0.plusSeconds(10), ok.status().lastOkAt());
  }

  @Test
  void softRecoveryIsNoHardChange() {
    Applied soft = apply(ServiceStatus.pending(), 2, 0);
    Applied ok = apply(soft.status(), 0, 5);
    assertTrue(ok.change().isPresent());
    assertTrue(ok.hardChange().isEmpty());
    assertEquals(1, ok.status().attempt());
  }

  @Test
  void oneAttemptGoesHardAtOnce() {
    CheckStateMachine.Outcome o =
        CheckStateMachine.apply(ServiceStatus.pending(), 3, T0, new CheckConfig(1, 60, 60));
    Applied a = assertInstanceOf(Applied.class, o);
    assertEquals(ServiceStatus.HARD, a.status().stateType());
    assertTrue(a.hardChange().orElseThrow().isProblemStart());
  }

  @Test
  void outOfOrderAndReplayedResultsAreIgnored() {
    Applied a = apply(ServiceStatus.pending(), 2, 60);
    assertInstanceOf(
        CheckStateMachine.Ignored.class,
        CheckStateMachine.apply(a.status(), 0, T0.plusSeconds(30), THREE));
    assertInstanceOf(
        CheckStateMachine.Ignored.class,
        CheckStateMachine.apply(a.status(), 2, T0.plusSeconds(60), THREE),
        "a replay of the same result");
  }
}
