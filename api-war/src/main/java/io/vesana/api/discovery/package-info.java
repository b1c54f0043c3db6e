/**
 * {@code /v1/discoveries} (network scans: list, read with hosts, request) and {@code
 * /v1/suggestions} (profiles suggested for discovered hosts: list, accept, dismiss).
 */
package io.vesana.api.discovery;
