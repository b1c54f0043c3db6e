package io.vesana.receiver.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.contract.CheckResult;
import io.vesana.contract.CheckState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written results body against the JSON-P generator it replaced. */
class CanonicalJsonTest {

  @Test
  void sameTextAsTheJsonPGeneratorOnGeneratedResults() {
    Random random = new Random(20261124L);
    for (int n = 0; n < 2_000; n++) {
      List<CheckResult> batch = new ArrayList<>();
      int size = 1 + random.nextInt(5);
      for (int i = 0; i < size; i++) {
        batch.add(
            new CheckResult(
                text(random, 20),
                text(random, 20),
                CheckState.values()[random.nextInt(4)],
                text(random, 60),
                random.nextBoolean() ? null : text(random, 80),
                random.nextBoolean() ? null : text(random, 40),
                Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(1_000_000_000)),
                random.nextBoolean() ? null : random.nextInt(Integer.MAX_VALUE),
                random.nextBoolean() ? null : text(random, 10)));
      }
      assertThat(CanonicalJson.results(batch)).isEqualTo(ParssonCanonicalJsonOracle.results(batch));
    }
  }

  /** Mostly plain text, with every character JSON escapes, non-ASCII and surrogate pairs. */
  private static String text(Random random, int max) {
    String special = "\"\\/\b\f\n\r\t\u0000\u0001\u001f\u007f\u00e9\u2028\u20ac";
    StringBuilder s = new StringBuilder();
    int length = random.nextInt(max);
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(10);
      if (kind == 0) {
        s.append(special.charAt(random.nextInt(special.length())));
      } else if (kind == 1) {
        s.appendCodePoint(0x1F600 + random.nextInt(50));
      } else {
        s.append((char) (' ' + random.nextInt(95)));
      }
    }
    return s.toString();
  }
}
