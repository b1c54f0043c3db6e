package io.vesana.auth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {

  @Test
  void generatesTenDistinctFormattedCodes() {
    RecoveryCodeSet set = RecoveryCodes.generate();

    assertThat(set.codes()).hasSize(10).doesNotHaveDuplicates();
    assertThat(set.codes())
        .allMatch(
            c -> c.matches("[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}"));
    assertThat(String.join("", set.codes())).doesNotContainPattern("[ilou]");
    assertThat(RecoveryCodes.generate().codes()).doesNotContainAnyElementsOf(set.codes());
  }

  @Test
  void eachCodeCarriesAtLeast60BitsOfEntropy() {
    // 12 symbols drawn uniformly from 32.
    assertThat(RecoveryCodes.ALPHABET).hasSize(32);
    assertThat(new HashSet<>(RecoveryCodes.ALPHABET.chars().boxed().toList())).hasSize(32);
    double bits =
        RecoveryCodes.GROUPS
            * RecoveryCodes.GROUP_LENGTH
            * (Math.log(RecoveryCodes.ALPHABET.length()) / Math.log(2));
    assertThat(bits).isGreaterThanOrEqualTo(60.0);
  }

  @Test
  void hashesAre32ByteSha256OfTheNormalisedCodeInTheSameOrder() throws Exception {
    RecoveryCodeSet set = RecoveryCodes.generate();
    List<byte[]> hashes = set.hashes();

    assertThat(hashes).hasSize(10).allSatisfy(h -> assertThat(h).hasSize(32));
    for (int i = 0; i < 10; i++) {
      String plain = set.codes().get(i).replace("-", "");
      byte[] expected =
          MessageDigest.getInstance("SHA-256").digest(plain.getBytes(StandardCharsets.US_ASCII));
      assertThat(hashes.get(i)).isEqualTo(expected);
      assertThat(RecoveryCodes.hash(set.codes().get(i)))
          .hasValueSatisfying(h -> assertThat(h).isEqualTo(expected));
    }
    Set<String> distinct = new HashSet<>();
    hashes.forEach(h -> distinct.add(new String(h, StandardCharsets.ISO_8859_1)));
    assertThat(distinct).hasSize(10);
  }

  @Test
  void typedVariantsNormaliseToTheSameCode() {
    String canonical = "7kq2m9xd4tva";
    for (String typed :
        new String[] {
          "7kq2-m9xd-4tva",
          "7kq2m9xd4tva",
          "  7KQ2-M9XD-4TVA \n",
          "7kq2 m9xd 4tva",
          "7kq2 - m9xd - 4tva",
        }) {
      assertThat(RecoveryCodes.normalise(typed)).as(typed).hasValue(canonical);
      assertThat(RecoveryCodes.hash(typed)).isPresent();
    }
    assertThat(RecoveryCodes.normalise("1o2i-3l45-6789"))
        .as("look-alike letters read as digits")
        .hasValue("102131456789");
  }

  @Test
  void inputThatCannotBeACodeHasNoHash() {
    for (String bad :
        new String[] {
          null,
          "",
          "   ",
          "7kq2-m9xd-4tv",
          "7kq2-m9xd-4tvaa",
          "7kq2-m9xd-4tvu",
          "7kq2_m9xd_4tva",
          "7kq2-m9xd-4tvä"
        }) {
      assertThat(RecoveryCodes.hash(bad)).as(String.valueOf(bad)).isEmpty();
    }
  }

  @Test
  void toStringRevealsNoCode() {
    RecoveryCodeSet set = RecoveryCodes.generate();
    String text = set.toString().toLowerCase(Locale.ROOT);
    assertThat(set.codes()).allSatisfy(c -> assertThat(text).doesNotContain(c));
  }

  @Test
  void hashesCannotBeChangedFromOutside() {
    RecoveryCodeSet set = RecoveryCodes.generate();
    set.hashes().get(0)[0] ^= 1;
    assertThat(set.hashes().get(0)).isEqualTo(RecoveryCodes.hash(set.codes().get(0)).orElseThrow());
  }
}
