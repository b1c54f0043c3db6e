/**
 * {@code /v1/settings} (a tenant's settings) and {@code /v1/admin/settings} (installation-wide,
 * super admins): typed values from {@link io.vesana.settings.SettingCatalog}, partial updates, each
 * invalid key answered with a JSON pointer to it.
 */
package io.vesana.api.settings;
