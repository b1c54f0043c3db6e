/**
 * Check semantics: the soft/hard state machine of one service, the settings of each check kind (a
 * sealed type per kind, validated with a pointer per field), and the one merge rule of a host
 * service's effective configuration ({@link io.vesana.checks.Sourced#pick}), used by ingest and by
 * the effective-config view alike. Pure domain code, no persistence.
 */
package io.vesana.checks;
