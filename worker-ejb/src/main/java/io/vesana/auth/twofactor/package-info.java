/**
 * Two-factor authentication core: TOTP enrolment and verification ({@link
 * io.vesana.auth.twofactor.Totp}, RFC 6238, compatible with common authenticator apps), single-use
 * recovery codes ({@link io.vesana.auth.twofactor.RecoveryCodes}) and the rule that decides who
 * must use a second factor ({@link io.vesana.auth.twofactor.TwoFactorPolicy}).
 *
 * <p>The one-time-password arithmetic comes from a library, used only through the adapter in {@code
 * io.vesana.auth.twofactor.internal}: no type of this package exposes it, so the library can be
 * swapped without touching callers. Secrets, codes and their hashes never appear in logs, exception
 * messages or {@code toString()}.
 *
 * <p>Login, enrolment endpoints and token issuing belong to the API; storage of the TOTP secret
 * (encrypted in {@code users.totp_secret_ciphertext}) and of the last used time step is the
 * caller's.
 */
package io.vesana.auth.twofactor;
