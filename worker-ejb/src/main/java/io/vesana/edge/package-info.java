/**
 * The edge: collectors and agents as registered components (enrolment, last seen, status) and the
 * configuration they fetch (their effective checks, with a strong ETag). Agents and collectors
 * authenticate by token/key hash, outside any user's tenant scope, so this feature works in plain
 * JDBC and names the tenant of the authenticated credential in every statement.
 */
package io.vesana.edge;
