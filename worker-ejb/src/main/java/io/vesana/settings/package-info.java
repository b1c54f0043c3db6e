/**
 * Typed settings: per tenant ({@code tenant_settings}: 2FA enforcement, default check intervals)
 * and installation-wide ({@code system_settings}: retention, instance name). {@link
 * io.vesana.settings.SettingCatalog} is the only list of keys that can be stored, each with its
 * type, bounds and default; values are validated before they reach the database, so the readers
 * (two-factor policy, retention purge) can trust what they find there.
 */
package io.vesana.settings;
