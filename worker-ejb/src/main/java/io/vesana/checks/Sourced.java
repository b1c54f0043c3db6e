package io.vesana.checks;

/**
 * An effective configuration value and the layer it comes from.
 *
 * @param value null when no layer sets it and there is no default
 */
public record Sourced<T>(T value, Source source) {

  /** The layers of a host service's configuration, most specific first. */
  public enum Source {
    /** Set on the host service, on top of its profile check. */
    OVERRIDE,
    /** Set on a standalone host service (one without a profile check). */
    SERVICE,
    /** Inherited from the profile check. */
    PROFILE_CHECK,
    /** Nobody set it: the built-in default. */
    DEFAULT;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The one merge rule of check configuration: the host service's own value wins, else the profile
   * check's, else {@code fallback}. Ingest ({@link CheckConfig#merge}) and the effective
   * configuration view both resolve through here, so they cannot disagree.
   *
   * @param standalone the service has no profile check (its values are its own, not overrides)
   */
  public static <T> Sourced<T> pick(T service, T profileCheck, T fallback, boolean standalone) {
    if (service != null) {
      return new Sourced<>(service, standalone ? Source.SERVICE : Source.OVERRIDE);
    }
    if (profileCheck != null) {
      return new Sourced<>(profileCheck, Source.PROFILE_CHECK);
    }
    return new Sourced<>(fallback, Source.DEFAULT);
  }
}
