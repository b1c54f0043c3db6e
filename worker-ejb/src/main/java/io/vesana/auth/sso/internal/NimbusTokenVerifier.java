package io.vesana.auth.sso.internal;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.vesana.auth.sso.ExternalIdentity;
import io.vesana.auth.sso.SsoConfig;
import io.vesana.auth.sso.SsoTokenException;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Verifies issuer tokens with Nimbus JOSE+JWT: a JWS (never unsigned, never encrypted) with {@code
 * RS256} or {@code ES256} only, so neither {@code none} nor an HMAC keyed with the issuer's public
 * key can pass; the key chosen by {@code kid} from the issuer's JWKS; {@code iss} equal to the
 * configured issuer, {@code aud} containing the audience, {@code exp} in the future and {@code nbf}
 * past, each within the clock skew; {@code sub} present.
 *
 * <p>The key set is fetched over HTTP when first needed and cached for 5 minutes; a token whose
 * {@code kid} is not in the cached set makes it fetch again (the issuer rotated its keys), at most
 * once per {@link SsoConfig#jwksRefreshMin()}. Thread-safe.
 */
public final class NimbusTokenVerifier {

  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
  private static final int TIMEOUT_MS = 3_000;
  private static final int MAX_JWKS_BYTES = 256 * 1024;

  private final SsoConfig config;
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  public NimbusTokenVerifier(SsoConfig config) {
    this.config = config;
    JWKSource<SecurityContext> keys;
    try {
      long minRefresh = config.jwksRefreshMin().toMillis();
      JWKSourceBuilder<SecurityContext> b =
          JWKSourceBuilder.<SecurityContext>create(
                  config.jwksUri().toURL(),
                  new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, MAX_JWKS_BYTES))
              .cache(TimeUnit.MINUTES.toMillis(5), TIMEOUT_MS)
              .refreshAheadCache(false)
              .retrying(false);
      keys = (minRefresh > 0 ? b.rateLimited(minRefresh) : b.rateLimited(false)).build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("vesana.sso.jwks-uri is not a URL", e);
    }
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            // Mutable sets: Nimbus asks them contains(null), which Set.of answers with an NPE.
            new HashSet<>(List.of(config.audience())),
            new JWTClaimsSet.Builder().issuer(config.issuer()).build(),
            new HashSet<>(List.of("sub", "exp")),
            null);
    claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, config.clockSkew().toSeconds()));
    processor.setJWTClaimsSetVerifier(claims);
  }

  public ExternalIdentity verify(String token) throws SsoTokenException {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      throw new SsoTokenException("the token is not a JWT", false, e);
    } catch (BadJWTException e) {
      // Expired, not yet valid, wrong issuer or audience, missing sub: Nimbus's text says which.
      throw new SsoTokenException("claims rejected: " + e.getMessage(), false, e);
    } catch (BadJOSEException e) {
      throw new SsoTokenException(
          "signature, algorithm or key rejected (" + e.getMessage() + ")", false, e);
    } catch (RateLimitReachedException e) {
      throw new SsoTokenException("no key of the issuer matches the token", false, e);
    } catch (KeySourceException e) {
      throw new SsoTokenException("the issuer's key set could not be fetched", true, e);
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new SsoTokenException("signature could not be verified", false, e);
    }
    return identity(claims);
  }

  private ExternalIdentity identity(JWTClaimsSet claims) {
    Map<String, Object> all = claims.getClaims();
    Object verified = all.get("email_verified");
    return new ExternalIdentity(
        claims.getIssuer(),
        claims.getSubject(),
        text(claim(all, config.emailClaim())),
        verified instanceof Boolean v ? Optional.of(v) : Optional.empty(),
        text(claim(all, config.nameClaim())),
        config.tenantClaim().flatMap(c -> text(claim(all, c))),
        strings(claim(all, config.rolesClaim())));
  }

  /** The claim named exactly {@code name}, else the dotted path ({@code realm_access.roles}). */
  static Object claim(Map<String, Object> claims, String name) {
    if (claims.containsKey(name)) {
      return claims.get(name);
    }
    Object at = claims;
    for (String part : name.split("\\.")) {
      if (!(at instanceof Map<?, ?> m)) {
        return null;
      }
      at = m.get(part);
    }
    return at;
  }

  private static Optional<String> text(Object v) {
    return v instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty();
  }

  private static List<String> strings(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof String s) {
      out.add(s);
    } else if (v instanceof List<?> l) {
      l.stream().filter(String.class::isInstance).map(String.class::cast).forEach(out::add);
    }
    return out;
  }
}
