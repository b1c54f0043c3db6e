package io.vesana.receiver.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * The violations found in one body. Collecting several lets a sender fix a batch in one round trip;
 * the cap keeps a hostile body from making the error answer large, so reading stops there. Not
 * thread-safe: one per request.
 */
final class Violations {

  static final int MAX_REPORTED = 20;

  private final List<Violation> list = new ArrayList<>();

  void add(String pointer, String reason) {
    list.add(new Violation(pointer, reason));
    if (list.size() >= MAX_REPORTED) {
      throw new InvalidBodyException(list, true);
    }
  }

  void add(Pointer pointer, String reason) {
    add(pointer.toString(), reason);
  }

  InvalidBodyException fatal(Pointer pointer, String reason) {
    return fatal(pointer.toString(), reason);
  }

  /** A violation after which reading cannot go on (syntax, depth, counts). */
  InvalidBodyException fatal(String pointer, String reason) {
    list.add(new Violation(pointer, reason));
    return new InvalidBodyException(list, false);
  }

  int size() {
    return list.size();
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  void throwIfAny() {
    if (!list.isEmpty()) {
      throw new InvalidBodyException(list, false);
    }
  }
}
