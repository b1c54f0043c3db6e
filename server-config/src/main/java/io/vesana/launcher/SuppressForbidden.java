package io.vesana.launcher;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the few launcher classes that talk to the terminal directly. The build's forbiddenapis
 * check skips them for {@code System.out}/{@code System.err}; production code elsewhere logs.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SuppressForbidden {
  /** Why the suppression is needed. */
  String reason();
}
