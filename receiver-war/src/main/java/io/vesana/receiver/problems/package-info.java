/**
 * Every refusal of the receiver as an RFC 9457 problem ({@code application/problem+json}): one
 * mapper per domain exception, each counting its refusal; a catch-all that answers 500 with only a
 * correlation id and logs the stack trace.
 */
package io.vesana.receiver.problems;
