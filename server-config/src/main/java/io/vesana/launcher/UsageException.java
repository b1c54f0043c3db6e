package io.vesana.launcher;

/**
 * Bad input from the person starting Vesana (unknown subcommand, invalid or occupied port, bad
 * setting): reported as one line on stderr with exit code 2, never as a stack trace.
 */
public final class UsageException extends Exception {
  public UsageException(String message) {
    super(message);
  }
}
