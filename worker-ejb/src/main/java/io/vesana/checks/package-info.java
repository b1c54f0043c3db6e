/**
 * Check runtime semantics: the soft/hard state machine of one service and the effective check
 * configuration it runs with. Pure domain code, no persistence.
 */
package io.vesana.checks;
