package io.vesana.receiver.wire;

/**
 * An RFC 6901 JSON pointer into the body being read, as a chain of steps whose text is built only
 * when a violation names it: reading a valid body formats no pointer at all (it did for every
 * member, about 5% of the receiver's CPU). Member names from a hostile body are cut short before
 * they are echoed. Immutable.
 */
final class Pointer {

  static final Pointer ROOT = new Pointer(null, null, -1);

  private final Pointer parent;
  private final String name;
  private final int index;

  private Pointer(Pointer parent, String name, int index) {
    this.parent = parent;
    this.name = name;
    this.index = index;
  }

  Pointer child(String member) {
    return new Pointer(this, member, -1);
  }

  Pointer child(int arrayIndex) {
    return new Pointer(this, null, arrayIndex);
  }

  @Override
  public String toString() {
    if (parent == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    append(out);
    return out.toString();
  }

  private void append(StringBuilder out) {
    if (parent == null) {
      return;
    }
    parent.append(out);
    out.append('/');
    if (name == null) {
      out.append(index);
      return;
    }
    String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
    out.append(shown.replace("~", "~0").replace("/", "~1"));
  }
}
