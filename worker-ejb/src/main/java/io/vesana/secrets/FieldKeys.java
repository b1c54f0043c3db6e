package io.vesana.secrets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The key ring: the current key, which encrypts, and previous keys, which only decrypt until {@link
 * ReEncryption} has moved every ciphertext to the current key. Immutable and thread-safe.
 *
 * <p>Settings ({@link #load}): the current key is {@value #KEY_PROPERTY}, previous keys are {@value
 * #PREVIOUS_PROPERTY} (comma-separated). MicroProfile Config maps an environment variable to a key
 * only by upper-casing it and turning dots and dashes into underscores ({@code
 * VESANA_SECRETS_FIELD_ENCRYPTION_KEY}); the documented name {@value #KEY_VARIABLE} is therefore
 * read as a second name, and likewise {@value #PREVIOUS_VARIABLE}. The {@code vesana.*} name wins
 * when both are set. Keys are base64url of exactly 32 bytes, with or without {@code =} padding.
 *
 * <p>Error messages name the setting and what is wrong with it, never the value.
 */
public final class FieldKeys {

  public static final String KEY_PROPERTY = "vesana.secrets.field-encryption-key";
  public static final String KEY_VARIABLE = "FIELD_ENCRYPTION_KEY";
  public static final String PREVIOUS_PROPERTY = "vesana.secrets.previous-keys";
  public static final String PREVIOUS_VARIABLE = "FIELD_ENCRYPTION_PREVIOUS_KEYS";

  static final String GENERATE_HINT = "generate one with: openssl rand -base64 32 | tr '+/' '-_'";

  private final FieldKey current;
  private final List<FieldKey> previous;
  private final Map<String, FieldKey> byId;

  private FieldKeys(FieldKey current, List<FieldKey> previous) {
    this.current = current;
    Map<String, FieldKey> ids = new HashMap<>();
    List<FieldKey> distinct = new ArrayList<>();
    for (FieldKey key : current == null ? List.<FieldKey>of() : prepend(current, previous)) {
      FieldKey known = ids.putIfAbsent(key.id(), key);
      if (known == null) {
        if (key != current) {
          distinct.add(key);
        }
      } else if (!known.sameKeyAs(key)) {
        throw new FieldKeyConfigException(
            "two different field encryption keys share the key id "
                + key.id()
                + "; replace one of them ("
                + GENERATE_HINT
                + ")");
      }
      // The same key listed twice (e.g. the current key still among the previous ones) is harmless.
    }
    this.previous = List.copyOf(distinct);
    this.byId = Map.copyOf(ids);
  }

  /** No key: encrypting and decrypting fail with a message saying the key is not set. */
  public static FieldKeys none() {
    return new FieldKeys(null, List.of());
  }

  /** From raw 32-byte keys, for tests and tools; the arrays are copied. */
  public static FieldKeys of(byte[] current, byte[]... previous) {
    List<FieldKey> older = new ArrayList<>();
    for (byte[] raw : previous) {
      older.add(FieldKey.of(raw));
    }
    return new FieldKeys(FieldKey.of(current), older);
  }

  /**
   * From setting values: {@code current} is one base64url key, {@code previous} a comma-separated
   * list; either may be null or blank. Previous keys without a current key are refused.
   */
  public static FieldKeys parse(String current, String previous) {
    boolean hasCurrent = current != null && !current.isBlank();
    List<String> older = split(previous);
    if (!hasCurrent) {
      if (!older.isEmpty()) {
        throw new FieldKeyConfigException(
            PREVIOUS_PROPERTY + " is set but " + KEY_VARIABLE + " is not; set the current key too");
      }
      return none();
    }
    FieldKey currentKey = decode(current, KEY_VARIABLE + " (" + KEY_PROPERTY + ")");
    List<FieldKey> olderKeys = new ArrayList<>();
    for (int i = 0; i < older.size(); i++) {
      olderKeys.add(decode(older.get(i), PREVIOUS_PROPERTY + " entry " + (i + 1)));
    }
    return new FieldKeys(currentKey, olderKeys);
  }

  /**
   * From named settings ({@code name -> value}), trying the {@code vesana.*} name before the
   * documented variable name; used with MicroProfile Config in the container and with the
   * environment by the command line.
   */
  public static FieldKeys load(Function<String, Optional<String>> settings) {
    return parse(
        first(settings, KEY_PROPERTY, KEY_VARIABLE),
        first(settings, PREVIOUS_PROPERTY, PREVIOUS_VARIABLE));
  }

  public boolean isConfigured() {
    return current != null;
  }

  public Optional<String> currentKeyId() {
    return Optional.ofNullable(current).map(FieldKey::id);
  }

  public List<String> previousKeyIds() {
    return previous.stream().map(FieldKey::id).toList();
  }

  FieldKey current() {
    if (current == null) {
      throw notSet();
    }
    return current;
  }

  FieldKey byId(String keyId) {
    if (current == null) {
      throw notSet();
    }
    FieldKey key = byId.get(keyId);
    if (key == null) {
      throw new UnknownKeyException(keyId);
    }
    return key;
  }

  static FieldKeyConfigException notSet() {
    return new FieldKeyConfigException(
        KEY_VARIABLE
            + " is not set (MicroProfile Config key "
            + KEY_PROPERTY
            + "): secrets cannot be stored or read without it; "
            + GENERATE_HINT);
  }

  private static FieldKey decode(String value, String setting) {
    String text = value.strip();
    byte[] raw;
    try {
      // The URL decoder accepts the input with or without trailing '=' padding.
      raw = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      // The decoder's message quotes the offending character: not chained, not repeated.
      String hint =
          text.indexOf('+') >= 0 || text.indexOf('/') >= 0
              ? " (it looks like standard base64: replace + with - and / with _)"
              : "";
      throw new FieldKeyConfigException(
          setting + " is not valid base64url (A-Z a-z 0-9 - _, optional = padding)" + hint);
    }
    try {
      if (raw.length != FieldKey.KEY_BYTES) {
        throw new FieldKeyConfigException(
            setting
                + " must decode to "
                + FieldKey.KEY_BYTES
                + " bytes, got "
                + raw.length
                + "; "
                + GENERATE_HINT);
      }
      return FieldKey.of(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static String first(Function<String, Optional<String>> settings, String... names) {
    for (String name : names) {
      Optional<String> value = settings.apply(name).filter(v -> !v.isBlank());
      if (value.isPresent()) {
        return value.get();
      }
    }
    return null;
  }

  private static List<String> split(String list) {
    if (list == null) {
      return List.of();
    }
    return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static List<FieldKey> prepend(FieldKey first, List<FieldKey> rest) {
    List<FieldKey> all = new ArrayList<>(rest.size() + 1);
    all.add(first);
    all.addAll(rest);
    return all;
  }

  @Override
  public String toString() {
    return "FieldKeys[current="
        + currentKeyId().orElse("none")
        + ", previous="
        + previousKeyIds()
        + "]";
  }
}
