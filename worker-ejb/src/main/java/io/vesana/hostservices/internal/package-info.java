/** JPA adapters of the host services feature. */
package io.vesana.hostservices.internal;
