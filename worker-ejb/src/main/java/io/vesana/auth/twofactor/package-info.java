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
 * <p>{@link io.vesana.auth.twofactor.TwoFactorEnrolment} is the user's own enrolment (start,
 * confirm, disable), storing the secret encrypted in {@code users.totp_secret_ciphertext}; {@link
 * io.vesana.auth.twofactor.TotpSecondFactor} checks codes at login and {@link
 * io.vesana.auth.twofactor.TwoFactorRequirement} applies the policy to a stored user. Endpoints and
 * token issuing belong to the API.
 */
package io.vesana.auth.twofactor;
