/**
 * Field encryption of stored secrets (SNMP communities, SSH passwords and keys, notification
 * credentials, TOTP seeds, push tokens): AES-256-GCM with a key id inside every ciphertext, the key
 * ring read from {@code FIELD_ENCRYPTION_KEY} / {@code vesana.secrets.*}, and key rotation ({@link
 * io.vesana.secrets.ReEncryption}, run by {@link io.vesana.secrets.ReEncryptCommand}). The fixed
 * list of secret columns is {@link io.vesana.secrets.SecretColumn}. See {@code docs/secrets.md}.
 *
 * <p>Owns no plaintext: callers decrypt at the moment of use and never return, log or put a secret
 * into an exception message; nothing here does either, and neither keys nor plaintext appear in any
 * {@code toString()}.
 */
package io.vesana.secrets;
