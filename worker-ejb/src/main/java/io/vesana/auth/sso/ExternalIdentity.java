package io.vesana.auth.sso;

import java.util.List;
import java.util.Optional;

/**
 * What a verified issuer token says about its user, already read through the configured claim
 * names.
 *
 * @param emailVerified the {@code email_verified} claim; empty when the issuer does not send it
 */
public record ExternalIdentity(
    String issuer,
    String subject,
    Optional<String> email,
    Optional<Boolean> emailVerified,
    Optional<String> name,
    Optional<String> tenant,
    List<String> groups) {

  public ExternalIdentity {
    groups = List.copyOf(groups);
  }
}
