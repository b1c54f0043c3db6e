/**
 * Hibernate adapters of the tenancy guards: entity listener, statement inspector and the integrator
 * that learns which tables hold tenant data.
 */
package io.vesana.tenancy.internal;
