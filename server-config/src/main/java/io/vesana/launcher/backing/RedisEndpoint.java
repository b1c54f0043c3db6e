package io.vesana.launcher.backing;

import java.net.URI;

/** Where the instances find Redis, as the VESANA_REDIS_URL they are given. */
public record RedisEndpoint(String url, boolean embedded) {

  /** For the terminal and logs: drops any password in the URL's user-info. */
  public String describe() {
    String shown = url;
    try {
      URI uri = URI.create(url);
      if (uri.getUserInfo() != null) {
        shown = uri.getScheme() + "://***@" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
      }
    } catch (IllegalArgumentException e) {
      shown = "(unparseable VESANA_REDIS_URL)";
    }
    return shown + (embedded ? " (embedded)" : "");
  }
}
