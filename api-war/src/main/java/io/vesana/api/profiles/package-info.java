/** {@code /v1/profiles} and {@code /v1/profiles/{id}/checks}. */
package io.vesana.api.profiles;
