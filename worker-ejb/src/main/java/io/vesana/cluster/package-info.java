/**
 * Instances of a deployment: heartbeat (a non-persistent EJB timer), live-instance registry,
 * liveness.
 */
package io.vesana.cluster;
