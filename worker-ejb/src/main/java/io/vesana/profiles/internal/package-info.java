/** JPA adapters of the profiles feature. */
package io.vesana.profiles.internal;
