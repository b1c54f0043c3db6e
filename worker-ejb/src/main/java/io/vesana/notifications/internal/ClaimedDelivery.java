package io.vesana.notifications.internal;

import io.vesana.notifications.DeliveryReason;

/**
 * A due delivery the sender has leased.
 *
 * @param ruleId null once the rule was deleted
 * @param attempts attempts made before this one
 */
public record ClaimedDelivery(
    long id,
    long tenantId,
    long alertId,
    long channelId,
    Long ruleId,
    DeliveryReason reason,
    int attempts) {}
