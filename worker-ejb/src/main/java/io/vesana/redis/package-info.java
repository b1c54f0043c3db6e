/**
 * Redis adapter: the only package that touches Jedis. Connection pool, readiness, and the Redis
 * implementations of ports other features define.
 */
package io.vesana.redis;
