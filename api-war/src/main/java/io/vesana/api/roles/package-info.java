/**
 * {@code /v1/roles}: built-in and custom roles, and ({@link io.vesana.api.roles.RoleJson}) their
 * JSON. Assigning roles to a user is {@code PUT /v1/users/{id}/roles} in the users feature.
 */
package io.vesana.api.roles;
