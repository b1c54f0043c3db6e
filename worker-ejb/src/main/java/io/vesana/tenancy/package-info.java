/**
 * Tenancy: the caller's tenant scope, and the ORM-level guards (Hibernate filter, entity listener,
 * statement inspector) that make every query on tenant data scoped or failing. Owns nothing in the
 * database but the rules; tenants themselves are global rows.
 */
package io.vesana.tenancy;
