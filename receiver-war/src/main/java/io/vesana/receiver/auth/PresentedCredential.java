package io.vesana.receiver.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A credential as presented in a request header, checked for format before anything is looked up: a
 * malformed value is refused without a database round trip or a cache entry.
 */
record PresentedCredential(Type type, byte[] sha256) {

  enum Type {
    AGENT_TOKEN,
    API_KEY
  }

  static final String AGENT_TOKEN_HEADER = "X-Agent-Token";
  static final String API_KEY_HEADER = "X-API-Key";
  private static final Pattern AGENT_TOKEN = Pattern.compile("vesana_agent_[A-Za-z0-9_-]{32}");
  private static final int MAX_API_KEY_CHARS = 200;

  /** Exactly one of the two headers, well-formed; anything else is unauthenticated. */
  static PresentedCredential of(String agentToken, String apiKey) {
    if ((agentToken == null) == (apiKey == null)) {
      throw new UnauthenticatedException();
    }
    if (agentToken != null) {
      if (!AGENT_TOKEN.matcher(agentToken).matches()) {
        throw new UnauthenticatedException();
      }
      return new PresentedCredential(Type.AGENT_TOKEN, sha256(agentToken));
    }
    if (apiKey.isEmpty() || apiKey.length() > MAX_API_KEY_CHARS) {
      throw new UnauthenticatedException();
    }
    for (int i = 0; i < apiKey.length(); i++) {
      char c = apiKey.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new UnauthenticatedException();
      }
    }
    return new PresentedCredential(Type.API_KEY, sha256(apiKey));
  }

  /** Cache key: the hash, never the secret (a heap dump must not reveal tokens). */
  String cacheKey() {
    return type.name() + ':' + HexFormat.of().formatHex(sha256);
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "PresentedCredential[" + type + "]";
  }
}
