/** JPA adapters of the hosts feature. */
package io.vesana.hosts.internal;
