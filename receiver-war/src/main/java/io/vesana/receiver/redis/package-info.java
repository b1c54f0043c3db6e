/**
 * Redis adapter of the receiver: the only package of this module that touches Jedis. Owns the
 * capped append to the ingest stream (backpressure instead of trimming) and its failure reasons.
 */
package io.vesana.receiver.redis;
