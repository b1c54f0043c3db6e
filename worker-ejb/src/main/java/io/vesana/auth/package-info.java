/**
 * Identity: who a caller is ({@link io.vesana.auth.Caller}), built-in roles and permission codes,
 * password hashing, and the login use cases (password + second factor, refresh-token rotation,
 * logout). Issuing the signed access token is the API's job; this feature decides who gets one.
 */
package io.vesana.auth;
