package io.vesana.wiki;

/** A wiki change refused: the slug is taken, or the page changed since the editor read it. */
public class WikiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why. Both are conflicts (409) for the API. */
  public enum Kind {
    SLUG_TAKEN,
    STALE_VERSION
  }

  private final Kind kind;

  public WikiException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
