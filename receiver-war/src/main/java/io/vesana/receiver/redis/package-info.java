/** Redis adapter of the receiver: the only package of this module that touches Jedis. */
package io.vesana.receiver.redis;
