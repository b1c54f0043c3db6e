/**
 * Hosts and host groups of a tenant: configuration of what is monitored (runtime state lives in
 * current_status).
 */
package io.vesana.hosts;
