package io.vesana.notifications;

import jakarta.json.JsonObject;

/**
 * The writable fields of a channel.
 *
 * @param tenantId for a super admin creating a channel: the tenant; ignored otherwise
 * @param secret what to do with the stored secret
 */
public record ChannelDraft(
    Long tenantId,
    String name,
    ChannelKind kind,
    JsonObject settings,
    SecretChange secret,
    boolean enabled) {

  /** Keep the stored secret, clear it, or replace it with {@code value}. */
  public record SecretChange(Action action, String value) {
    public enum Action {
      KEEP,
      CLEAR,
      SET
    }

    public static SecretChange keep() {
      return new SecretChange(Action.KEEP, null);
    }

    public static SecretChange clear() {
      return new SecretChange(Action.CLEAR, null);
    }

    public static SecretChange set(String value) {
      return new SecretChange(Action.SET, value);
    }

    @Override
    public String toString() {
      return "SecretChange[" + action + "]"; // never the value
    }
  }
}
