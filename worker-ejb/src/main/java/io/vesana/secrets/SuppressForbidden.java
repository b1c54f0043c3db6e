package io.vesana.secrets;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks intended console output of a command-line entry point (forbiddenapis bans System.out
 * elsewhere; the root pom's {@code suppressAnnotations} matches this name in any package).
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
@interface SuppressForbidden {}
