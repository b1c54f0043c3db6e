/**
 * Device profiles and their checks: the set of checks a host of that kind gets. A check's settings
 * are the JSON of its kind's sealed {@link io.vesana.checks.CheckSettings} record; secrets are
 * stored credentials, referenced by id.
 */
package io.vesana.profiles;
