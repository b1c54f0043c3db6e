/**
 * Instances of a deployment: heartbeat (a non-persistent EJB timer), live-instance registry,
 * liveness, and {@link io.vesana.cluster.DistributedLocks} so that work meant to happen once per
 * deployment happens on one instance.
 */
package io.vesana.cluster;
