/**
 * Single sign-on with an external OpenID Connect issuer (Keycloak, Entra ID, Okta...): a token the
 * issuer signed is exchanged for Vesana's own access and refresh tokens. The issuer's token is
 * verified here (signature against its JWKS, issuer, audience, lifetime, algorithm allow-list), its
 * claims are mapped to a user (through {@code sso_identities}), a tenant and built-in roles, as
 * configured under {@code vesana.sso.*} ({@link io.vesana.auth.sso.SsoConfig}). Nimbus JOSE+JWT is
 * used only in {@code internal}.
 */
package io.vesana.auth.sso;
