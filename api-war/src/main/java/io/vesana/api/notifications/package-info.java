/**
 * {@code /v1/notification-channels} and {@code /v1/notification-rules}: where alerts are announced
 * and which alerts go where. Channel secrets are write-only.
 */
package io.vesana.api.notifications;
