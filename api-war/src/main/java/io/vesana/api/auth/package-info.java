/**
 * Authentication endpoints, access-token issuing, per-IP login throttling, and {@link
 * io.vesana.api.auth.Access}, the authorization check every resource method starts with.
 */
package io.vesana.api.auth;
