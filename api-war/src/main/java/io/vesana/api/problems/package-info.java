/** Errors as RFC 9457 problem+json: the exception type and its mappers. */
package io.vesana.api.problems;
