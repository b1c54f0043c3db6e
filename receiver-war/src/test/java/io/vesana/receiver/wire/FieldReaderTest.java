package io.vesana.receiver.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FieldReaderTest {

  /** The grammar the hand-written check replaced, as the oracle. */
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");

  @Test
  void integerCheckAgreesWithTheGrammarOnGeneratedLexemes() {
    Random random = new Random(20261124L);
    String alphabet = "0123456789-+.eE ";
    for (int n = 0; n < 100_000; n++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(22);
      for (int i = 0; i < length; i++) {
        // Mostly digits, so long valid numbers are generated too.
        s.append(
            random.nextInt(4) == 0
                ? alphabet.charAt(random.nextInt(alphabet.length()))
                : (char) ('0' + random.nextInt(10)));
      }
      String lexeme = s.toString();
      assertThat(FieldReader.isShortInteger(lexeme))
          .as(lexeme)
          .isEqualTo(INTEGER.matcher(lexeme).matches());
    }
    for (String s : new String[] {"0", "-0", "7", "-123", "999999999999999999"}) {
      assertThat(FieldReader.isShortInteger(s)).as(s).isTrue();
    }
    for (String s : new String[] {"", "-", "00", "01", "1.0", "1e3", "9999999999999999999", "+1"}) {
      assertThat(FieldReader.isShortInteger(s)).as(s).isFalse();
    }
  }
}
