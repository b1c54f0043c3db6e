package io.vesana.auth;

import java.time.Instant;
import java.util.List;

/** A user as the API lists it: never a password hash, TOTP secret or recovery code. */
public record UserView(
    long id,
    Long tenantId,
    String email,
    String displayName,
    String status,
    List<String> roles,
    boolean twoFactorEnabled,
    Instant lastLoginAt,
    Instant createdAt) {}
