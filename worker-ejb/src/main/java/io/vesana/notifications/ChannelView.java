package io.vesana.notifications;

import jakarta.json.JsonObject;
import java.time.Instant;

/** A channel as the outside sees it: the secret only as "there is one". */
public record ChannelView(
    long id,
    long tenantId,
    String name,
    ChannelKind kind,
    JsonObject settings,
    boolean hasSecret,
    boolean enabled,
    Instant createdAt,
    long version) {}
