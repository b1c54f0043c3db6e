package io.vesana.api.auth;

import io.vesana.api.problems.Problem;
import io.vesana.auth.sso.SsoLogin;
import io.vesana.auth.sso.SsoLogin.Outcome;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code POST /v1/auth/sso/exchange}: an ID or access token of the configured OIDC issuer in
 * ({@code {"token": "..."}}), Vesana's access and refresh tokens out, as from a password login.
 * Rate limited per client address like login. 401 for a token that does not verify, 403 for a valid
 * token whose user may not log in (the problem type says why), 404 when SSO is not configured, 503
 * when the issuer's keys cannot be fetched.
 */
@Path("auth/sso")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SsoResource {

  /** Issuer tokens with many claims run to a few kilobytes; far more is not a token. */
  private static final int MAX_TOKEN = 16 * 1024;

  @Inject SsoLogin sso;
  @Inject AccessTokens tokens;
  @Inject LoginThrottle throttle;
  @Context HttpHeaders headers;
  @Context jakarta.servlet.http.HttpServletRequest request;

  @POST
  @Path("exchange")
  public Response exchange(JsonObject body) throws SQLException {
    throttle.check("sso", request);
    String token = AuthResource.text(body, "token", MAX_TOKEN);
    Outcome o = sso.exchange(token, client());
    if (o instanceof SsoLogin.Success s) {
      JsonObject out =
          Json.createObjectBuilder()
              .add("access_token", tokens.issue(s.caller()))
              .add("token_type", "Bearer")
              .add("expires_in", tokens.lifetimeSeconds())
              .add("refresh_token", s.refreshToken().token())
              .build();
      return Response.ok(out).header("Cache-Control", "no-store").build();
    }
    throw problem(o);
  }

  private static Problem problem(Outcome o) {
    if (o instanceof SsoLogin.Rejected r && r.unavailable()) {
      return new Problem(
          503,
          "urn:vesana:problem:sso-issuer-unavailable",
          "Identity provider unavailable",
          "The identity provider's keys could not be fetched; retry shortly.",
          Map.of(),
          Map.of("Retry-After", "10"));
    }
    if (o instanceof SsoLogin.Rejected r) {
      return new Problem(
          401,
          "urn:vesana:problem:invalid-sso-token",
          "Invalid SSO token",
          "The token was not accepted: " + r.reason() + ".",
          Map.of(),
          Map.of("WWW-Authenticate", "Bearer realm=\"vesana\""));
    }
    if (o instanceof SsoLogin.Refused r) {
      return new Problem(
          403, "urn:vesana:problem:" + r.code(), "SSO login refused", r.detail(), Map.of());
    }
    return new Problem(
        404,
        "urn:vesana:problem:sso-not-configured",
        "SSO not configured",
        "Single sign-on is not configured on this installation.",
        Map.of());
  }

  private String client() {
    String agent = headers.getHeaderString(HttpHeaders.USER_AGENT);
    return agent == null ? null : agent.substring(0, Math.min(200, agent.length()));
  }
}
