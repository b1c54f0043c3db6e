/**
 * {@code /v1/hosts/{id}/services}: a host's services, their overrides and effective configuration.
 */
package io.vesana.api.hostservices;
