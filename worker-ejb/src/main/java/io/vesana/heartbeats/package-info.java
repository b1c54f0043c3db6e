/**
 * Liveness of agents and collectors: {@link io.vesana.heartbeats.HeartbeatIntake} records the
 * heartbeats the receiver queued (last seen, online, software version) and recovers a component
 * that was offline; {@link io.vesana.heartbeats.EdgeLiveness} is the dead agent/collector watcher's
 * work: no heartbeat for too long makes the component offline, its hosts UNREACHABLE, the services
 * it runs UNKNOWN, and opens a host alert.
 */
package io.vesana.heartbeats;
