package io.vesana.auth;

/**
 * A custom-role change the rules refuse. {@link Kind} tells the API which answer fits: a field of
 * the request is wrong (400 with its pointer), the name is taken (409), or the caller may not grant
 * what they asked (403).
 */
public class RoleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the change was refused. */
  public enum Kind {
    INVALID,
    NAME_TAKEN,
    NOT_ALLOWED
  }

  private final Kind kind;
  private final String field;

  public RoleException(Kind kind, String field, String message) {
    super(message);
    this.kind = kind;
    this.field = field;
  }

  public Kind kind() {
    return kind;
  }

  /** The request field at fault, e.g. {@code permissions}; null when none is. */
  public String field() {
    return field;
  }
}
