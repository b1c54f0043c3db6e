/**
 * Host services: the checks a host runs, each either an instance of a profile check (its settings
 * patched key by key by {@code overrides}, its intervals and thresholds overridable) or standalone
 * with settings of its own; and the effective configuration that results ({@link
 * io.vesana.checks.EffectiveCheck}).
 */
package io.vesana.hostservices;
