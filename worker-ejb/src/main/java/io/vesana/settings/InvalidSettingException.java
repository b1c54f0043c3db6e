package io.vesana.settings;

/** A settings change names an unknown key or gives a value of the wrong type or range. */
public final class InvalidSettingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String key;

  public InvalidSettingException(String key, String why) {
    super(key + " " + why, null, false, false);
    this.key = key;
  }

  /** The offending key, as sent. */
  public String key() {
    return key;
  }
}
