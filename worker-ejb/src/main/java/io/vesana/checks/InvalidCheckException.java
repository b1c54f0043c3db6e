package io.vesana.checks;

import java.util.List;

/** Check configuration that cannot be stored, with every invalid field. */
public class InvalidCheckException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<FieldError> errors;

  public InvalidCheckException(List<FieldError> errors) {
    super(errors.size() + " invalid field(s): " + errors.get(0).detail());
    this.errors = List.copyOf(errors);
  }

  public InvalidCheckException(String pointer, String detail) {
    this(List.of(new FieldError(pointer, detail)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
