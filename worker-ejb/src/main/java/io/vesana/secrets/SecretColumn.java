package io.vesana.secrets;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code bytea} column holding field ciphertexts, with the table's primary key. {@link
 * #context()} ({@code table.column}) is the encryption context every reader and writer of the
 * column must pass to {@link FieldCipher}.
 *
 * <p>{@link #ALL} is the fixed list {@link ReEncryption} walks; a migration that adds a {@code
 * *_ciphertext} column adds it here too ({@code ReEncryptionIT} compares the list with the
 * catalog).
 */
public record SecretColumn(String table, String idColumn, String column) {

  // Names go into SQL text unquoted, so only plain lower-case identifiers are accepted. Declared
  // first: the constants below are validated while the class initialises.
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

  public static final SecretColumn USERS_TOTP_SECRET =
      new SecretColumn("users", "id", "totp_secret_ciphertext");
  public static final SecretColumn CREDENTIALS_SECRET =
      new SecretColumn("credentials", "id", "secret_ciphertext");
  public static final SecretColumn NOTIFICATION_CHANNELS_SECRET =
      new SecretColumn("notification_channels", "id", "secret_ciphertext");
  public static final SecretColumn MOBILE_PUSH_TOKENS_TOKEN =
      new SecretColumn("mobile_push_tokens", "id", "token_ciphertext");

  public static final List<SecretColumn> ALL =
      List.of(
          USERS_TOTP_SECRET,
          CREDENTIALS_SECRET,
          NOTIFICATION_CHANNELS_SECRET,
          MOBILE_PUSH_TOKENS_TOKEN);

  public SecretColumn {
    for (String name : List.of(table, idColumn, column)) {
      if (!IDENTIFIER.matcher(name).matches()) {
        throw new IllegalArgumentException("not a plain SQL identifier: " + name);
      }
    }
  }

  public String context() {
    return table + "." + column;
  }

  @Override
  public String toString() {
    return context();
  }
}
