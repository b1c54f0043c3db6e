/**
 * The calling user's own settings over REST: {@code /v1/me/two-factor}, enrolment and removal of
 * the second factor (the use cases are worker-ejb's {@link
 * io.vesana.auth.twofactor.TwoFactorEnrolment}).
 */
package io.vesana.api.me;
