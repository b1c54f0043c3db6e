package io.vesana.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashingTest {

  @Test
  void verifiesTheRightPasswordOnly() {
    String stored = PasswordHashing.hash("correct horse".toCharArray());
    assertThat(stored).startsWith("$pbkdf2-sha256$i=600000$").doesNotContain("correct horse");
    assertThat(PasswordHashing.verify("correct horse".toCharArray(), stored)).isTrue();
    assertThat(PasswordHashing.verify("correct hors".toCharArray(), stored)).isFalse();
  }

  @Test
  void saltsEveryHash() {
    assertThat(PasswordHashing.hash("x".toCharArray()))
        .isNotEqualTo(PasswordHashing.hash("x".toCharArray()));
  }

  @Test
  void malformedStoredValuesNeverVerify() {
    for (String bad :
        new String[] {
          null,
          "",
          "plain",
          "$pbkdf2-sha256$i=0$AA$AA",
          "$pbkdf2-sha256$i=x$AA$AA",
          "$pbkdf2-sha256$i=10$!!$AA"
        }) {
      assertThat(PasswordHashing.verify("x".toCharArray(), bad)).as(String.valueOf(bad)).isFalse();
    }
  }

  @Test
  void randomPasswordsAreUrlSafeAndDistinct() {
    String a = PasswordHashing.randomPassword(18);
    assertThat(a).hasSize(24).matches("[A-Za-z0-9_-]+");
    assertThat(PasswordHashing.randomPassword(18)).isNotEqualTo(a);
  }
}
