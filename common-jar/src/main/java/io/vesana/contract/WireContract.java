package io.vesana.contract;

/**
 * Version of the wire contract between agents/collectors and the server. A sender states it in
 * every message; the server accepts the versions it lists. Bump it on any incompatible change and
 * keep the previous golden samples as regression fixtures.
 */
public final class WireContract {

  /** The version this build speaks. */
  public static final int VERSION = 1;

  private WireContract() {}

  public static boolean accepts(int version) {
    return version == VERSION;
  }
}
