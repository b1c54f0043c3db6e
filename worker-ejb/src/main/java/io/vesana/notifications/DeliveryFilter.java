package io.vesana.notifications;

/** Optional filters of the delivery list; null means any. */
public record DeliveryFilter(Long alertId, Long channelId, DeliveryStatus status) {}
