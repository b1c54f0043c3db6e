package io.vesana.discovery;

/** The suggestion was accepted or dismissed already. A 409. */
public class SuggestionDecidedException extends RuntimeException {

  public SuggestionDecidedException(String status) {
    super("This suggestion was " + status + " already.");
  }
}
