/** JDBC and HTTP adapters of the notifications feature. */
package io.vesana.notifications.internal;
