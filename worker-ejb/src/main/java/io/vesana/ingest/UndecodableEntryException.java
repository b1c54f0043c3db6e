package io.vesana.ingest;

/** A stream entry that can never be processed as it is: permanent, goes to dead letters. */
public class UndecodableEntryException extends Exception {

  private static final long serialVersionUID = 1L;

  public UndecodableEntryException(String reason) {
    super(reason);
  }

  public UndecodableEntryException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
