/**
 * Adapters of the two-factor core: the only package that touches the TOTP library ({@code
 * com.eatthepath:java-otp}), a Base32 encoder for secrets, and the JDBC store of recovery codes.
 */
package io.vesana.auth.twofactor.internal;
