package io.vesana.notifications;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.Caller;
import io.vesana.notifications.ChannelDraft.SecretChange;
import io.vesana.notifications.internal.HttpWebhookSender;
import io.vesana.notifications.internal.JdbcChannels;
import io.vesana.schema.VesanaDataSource;
import io.vesana.secrets.FieldCipher;
import io.vesana.secrets.SecretColumn;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Channel use cases, one transaction each, under the caller's tenant scope, each change audited in
 * the same transaction with the secret masked. The secret is encrypted here ({@link FieldCipher},
 * context {@code notification_channels.secret_ciphertext}) and decrypted only to send.
 */
@ApplicationScoped
@Transactional
public class NotificationChannels {

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject AuditTrail audit;
  @Inject FieldCipher cipher;

  private final JdbcChannels rows = new JdbcChannels();
  private final HttpWebhookSender webhooks = new HttpWebhookSender();
  private static final String CONTEXT = SecretColumn.NOTIFICATION_CHANNELS_SECRET.context();

  public List<ChannelView> list(
      Caller caller, ChannelKind kind, String text, long afterId, int limit) {
    try (Connection c = dataSource.getConnection()) {
      return rows.page(c, caller.scope(), kind, text, afterId, limit);
    } catch (SQLException e) {
      throw new IllegalStateException("channels not read", e);
    }
  }

  public Optional<ChannelView> get(Caller caller, long id) {
    try (Connection c = dataSource.getConnection()) {
      return rows.find(c, caller.scope(), id);
    } catch (SQLException e) {
      throw new IllegalStateException("channel not read", e);
    }
  }

  public ChannelView create(Caller caller, ChannelDraft d) {
    d.kind().validate(d.settings());
    if (d.secret().action() != SecretChange.Action.SET && d.kind().secretRequired()) {
      throw missingSecret(d.kind());
    }
    long tenant = caller.scope().tenantForNewRow(d.tenantId());
    byte[] secret =
        d.secret().action() == SecretChange.Action.SET
            ? cipher.encrypt(d.secret().value(), CONTEXT)
            : null;
    try (Connection c = dataSource.getConnection()) {
      long id = rows.insert(c, tenant, d.name(), d.kind(), d.settings(), secret, d.enabled());
      ChannelView v = rows.find(c, caller.scope(), id).orElseThrow();
      audit.record(
          caller,
          tenant,
          "notification_channel.created",
          "notification_channel",
          "" + id,
          null,
          json(v));
      return v;
    } catch (SQLException e) {
      throw NotificationFailures.translate(e, "channel", d.name());
    }
  }

  public Optional<ChannelView> update(Caller caller, long id, ChannelDraft d) {
    d.kind().validate(d.settings());
    try (Connection c = dataSource.getConnection()) {
      Optional<ChannelView> found = writable(c, caller, id);
      if (found.isEmpty()) {
        return found;
      }
      ChannelView before = found.get();
      boolean keep = d.secret().action() == SecretChange.Action.KEEP;
      boolean willHave = keep ? before.hasSecret() : d.secret().action() == SecretChange.Action.SET;
      if (d.kind().secretRequired() && !willHave) {
        throw missingSecret(d.kind());
      }
      byte[] secret =
          d.secret().action() == SecretChange.Action.SET
              ? cipher.encrypt(d.secret().value(), CONTEXT)
              : null;
      rows.update(
          c, before.tenantId(), id, d.name(), d.kind(), d.settings(), keep, secret, d.enabled());
      ChannelView after = rows.find(c, caller.scope(), id).orElseThrow();
      JsonObject afterImage = json(after);
      if (d.secret().action() == SecretChange.Action.SET) {
        afterImage = Json.createObjectBuilder(afterImage).add("secret_changed", true).build();
      }
      audit.record(
          caller,
          before.tenantId(),
          "notification_channel.updated",
          "notification_channel",
          "" + id,
          json(before),
          afterImage);
      return Optional.of(after);
    } catch (SQLException e) {
      throw NotificationFailures.translate(e, "channel", d.name());
    }
  }

  /** Deletes the channel and, by cascade, its rules; false if not visible/writable. */
  public boolean delete(Caller caller, long id) {
    try (Connection c = dataSource.getConnection()) {
      Optional<ChannelView> found = writable(c, caller, id);
      if (found.isEmpty()) {
        return false;
      }
      rows.delete(c, found.get().tenantId(), id);
      audit.record(
          caller,
          found.get().tenantId(),
          "notification_channel.deleted",
          "notification_channel",
          "" + id,
          json(found.get()),
          null);
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("channel not deleted", e);
    }
  }

  /**
   * Sends a test message through a webhook channel; empty if not visible/writable. Runs outside a
   * transaction: no row is held while the remote end answers.
   */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public Optional<WebhookTestResult> test(Caller caller, long id) {
    ChannelView ch;
    String key;
    try (Connection c = dataSource.getConnection()) {
      Optional<ChannelView> found = writable(c, caller, id);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      ch = found.get();
      if (ch.kind() != ChannelKind.WEBHOOK) {
        throw new InvalidNotificationException(
            "/kind", "test notifications are available for webhook channels only");
      }
      key = rows.secret(c, ch.tenantId(), id).map(s -> cipher.decrypt(s, CONTEXT)).orElse(null);
    } catch (SQLException e) {
      throw new IllegalStateException("channel not read", e);
    }
    String body =
        Json.createObjectBuilder()
            .add("event", "test")
            .add("channel_id", ch.id())
            .add("channel", ch.name())
            .add("tenant_id", ch.tenantId())
            .add("sent_at", Instant.now().toString())
            .add("message", "Test notification from Vesana")
            .build()
            .toString();
    return Optional.of(webhooks.post(ch.settings().getString("url"), body, key, "test"));
  }

  private Optional<ChannelView> writable(Connection c, Caller caller, long id) throws SQLException {
    return rows.find(c, caller.scope(), id).filter(v -> caller.scope().canWrite(v.tenantId()));
  }

  private static InvalidNotificationException missingSecret(ChannelKind k) {
    return new InvalidNotificationException(
        "/secret", "a " + k.code() + " channel needs its secret: the " + k.secretMeaning());
  }

  /** The audit image: the secret only as a mask. */
  static JsonObject json(ChannelView v) {
    var b =
        Json.createObjectBuilder()
            .add("id", v.id())
            .add("tenant_id", v.tenantId())
            .add("name", v.name())
            .add("kind", v.kind().code())
            .add("settings", v.settings())
            .add("enabled", v.enabled());
    if (v.hasSecret()) {
      b.add("secret", AuditTrail.MASK);
    }
    return b.build();
  }
}
