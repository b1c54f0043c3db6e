package io.vesana.notifications;

/**
 * The SPI of a channel kind (Keycloak style: one implementation per kind, found through {@link
 * ChannelSenders}). Implementations are stateless and thread-safe, never throw for a delivery
 * problem (they answer a {@link SendOutcome}), and never put the secret into an error text.
 */
public interface ChannelSender {

  ChannelKind kind();

  /**
   * Sends {@code n} through its channel.
   *
   * @param secret the channel's decrypted secret, or null if it has none
   */
  SendOutcome send(OutgoingNotification n, String secret);
}
