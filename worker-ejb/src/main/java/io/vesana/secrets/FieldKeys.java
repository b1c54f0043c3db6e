package io.vesana.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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
 * <p>When no current key is set, {@value #KEY_FILE_PROPERTY} (or {@value #KEY_FILE_VARIABLE}) may
 * name a file holding it instead, surrounding whitespace ignored: systemd credentials and
 * Kubernetes secret volumes hand keys over as files, and a key on a command line would be visible
 * in the process list. The directly set key wins when both are set.
 *
 * <p>Error messages name the setting and what is wrong with it, never the value.
 */
public final class FieldKeys {

  public static final String KEY_PROPERTY = "vesana.secrets.field-encryption-key";
  public static final String KEY_VARIABLE = "FIELD_ENCRYPTION_KEY";
  public static final String KEY_FILE_PROPERTY = "vesana.secrets.field-encryption-key-file";
  public static final String KEY_FILE_VARIABLE = "FIELD_ENCRYPTION_KEY_FILE";
  public static final String PREVIOUS_PROPERTY = "vesana.secrets.previous-keys";
  public static final String PREVIOUS_VARIABLE = "FIELD_ENCRYPTION_PREVIOUS_KEYS";

  /** A key file is a few dozen bytes; reading stops here (e.g. a path to a device by mistake). */
  static final int MAX_KEY_FILE_BYTES = 1024;

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
    return parse(current, KEY_VARIABLE + " (" + KEY_PROPERTY + ")", previous);
  }

  private static FieldKeys parse(String current, String currentSetting, String previous) {
    boolean hasCurrent = current != null && !current.isBlank();
    List<String> older = split(previous);
    if (!hasCurrent) {
      if (!older.isEmpty()) {
        throw new FieldKeyConfigException(
            PREVIOUS_PROPERTY + " is set but " + KEY_VARIABLE + " is not; set the current key too");
      }
      return none();
    }
    FieldKey currentKey = decode(current, currentSetting);
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
    String previous = first(settings, PREVIOUS_PROPERTY, PREVIOUS_VARIABLE);
    String current = first(settings, KEY_PROPERTY, KEY_VARIABLE);
    if (current != null) {
      return parse(current, previous);
    }
    String file = first(settings, KEY_FILE_PROPERTY, KEY_FILE_VARIABLE);
    if (file == null) {
      return parse(null, previous);
    }
    String setting = "the key file " + KEY_FILE_VARIABLE + " (" + KEY_FILE_PROPERTY + ")";
    String key = readKeyFile(file.strip(), setting);
    if (key.isBlank()) {
      throw new FieldKeyConfigException(setting + " is empty; " + GENERATE_HINT);
    }
    return parse(key, setting, previous);
  }

  /**
   * The text of a key file. Errors name the setting and the path (a location, not a secret), never
   * a byte of the content.
   */
  private static String readKeyFile(String file, String setting) {
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      throw new FieldKeyConfigException(setting + " is not a valid path");
    }
    byte[] content;
    try (InputStream in = Files.newInputStream(path)) {
      content = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
    } catch (IOException e) {
      // The exception's message is the path or an OS reason, never file content.
      throw new FieldKeyConfigException(
          setting + " " + path + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    try {
      if (content.length > MAX_KEY_FILE_BYTES) {
        throw new FieldKeyConfigException(
            setting + " " + path + " is larger than " + MAX_KEY_FILE_BYTES + " bytes: not a key");
      }
      return StandardCharsets.US_ASCII
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      throw new FieldKeyConfigException(
          setting + " " + path + " is not base64url text (A-Z a-z 0-9 - _, optional = padding)");
    } finally {
      Arrays.fill(content, (byte) 0);
    }
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
            + ", or a key file named by "
            + KEY_FILE_VARIABLE
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
