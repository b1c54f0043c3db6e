package io.vesana.receiver.wire;

import java.util.HashMap;
import java.util.Map;

/**
 * The member names an object may have, each with a bit, so the members seen in one object are a
 * {@code long} rather than a set per object (the receiver reads one object per check result).
 * Immutable.
 */
final class FieldNames {

  private final Map<String, Integer> bits;

  private FieldNames(Map<String, Integer> bits) {
    this.bits = Map.copyOf(bits);
  }

  static FieldNames of(String... names) {
    if (names.length > Long.SIZE) {
      throw new IllegalArgumentException("at most 64 names");
    }
    Map<String, Integer> bits = new HashMap<>();
    for (String name : names) {
      if (bits.putIfAbsent(name, bits.size()) != null) {
        throw new IllegalArgumentException("named twice: " + name);
      }
    }
    return new FieldNames(bits);
  }

  /** The name's bit ({@code 1L << index}), or 0 when the name is not allowed. */
  long bit(String name) {
    Integer i = bits.get(name);
    return i == null ? 0 : 1L << i;
  }
}
