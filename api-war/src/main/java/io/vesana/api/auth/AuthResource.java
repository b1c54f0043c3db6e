package io.vesana.api.auth;

import io.vesana.api.problems.Problem;
import io.vesana.auth.Login;
import io.vesana.auth.Login.Outcome;
import io.vesana.auth.Login.Success;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code /v1/auth}: login (password, plus a TOTP code when the account has two-factor on), refresh
 * (rotation), logout. Login is rate limited per client address across all API replicas.
 */
@Path("auth")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

  @Inject Login login;
  @Inject AccessTokens tokens;
  @Inject LoginThrottle throttle;
  @Context HttpHeaders headers;
  @Context jakarta.servlet.http.HttpServletRequest request;

  @POST
  @Path("login")
  public Response login(JsonObject body) throws SQLException {
    throttle.check("login", request);
    String email = text(body, "email", 320);
    String password = text(body, "password", 1024);
    String code = optionalText(body, "totp_code", 16);
    Outcome o = login.login(email, password.toCharArray(), code, client());
    if (o instanceof Success s) {
      return tokenResponse(s);
    }
    if (o instanceof Login.Locked l) {
      long seconds = Math.max(1, Duration.between(Instant.now(), l.until()).toSeconds());
      throw new Problem(
          429,
          "urn:vesana:problem:account-locked",
          "Account temporarily locked",
          "Too many failed logins; try again later.",
          Map.of(),
          Map.of("Retry-After", Long.toString(seconds)));
    }
    if (o instanceof Login.SecondFactorRequired) {
      throw new Problem(
          401,
          "urn:vesana:problem:second-factor-required",
          "Second factor required",
          "This account uses two-factor authentication: send totp_code (or a recovery code).",
          Map.of());
    }
    throw invalidCredentials();
  }

  @POST
  @Path("refresh")
  public Response refresh(JsonObject body) throws SQLException {
    String token = text(body, "refresh_token", 200);
    return login
        .refresh(token, client())
        .map(this::tokenResponse)
        .orElseThrow(
            () ->
                new Problem(
                    401,
                    "urn:vesana:problem:invalid-refresh-token",
                    "Invalid refresh token",
                    "The refresh token is unknown, expired or already used; log in again.",
                    Map.of()));
  }

  @POST
  @Path("logout")
  public Response logout(JsonObject body) throws SQLException {
    login.logout(text(body, "refresh_token", 200));
    return Response.noContent().build();
  }

  private Response tokenResponse(Success s) {
    JsonObject out =
        Json.createObjectBuilder()
            .add("access_token", tokens.issue(s.caller()))
            .add("token_type", "Bearer")
            .add("expires_in", tokens.lifetimeSeconds())
            .add("refresh_token", s.refreshToken().token())
            .build();
    return Response.ok(out).header("Cache-Control", "no-store").build();
  }

  private static Problem invalidCredentials() {
    return new Problem(
        401,
        "urn:vesana:problem:invalid-credentials",
        "Invalid credentials",
        "E-mail or password is wrong, or the account is disabled.",
        Map.of());
  }

  private String client() {
    String agent = headers.getHeaderString(HttpHeaders.USER_AGENT);
    return agent == null ? null : agent.substring(0, Math.min(200, agent.length()));
  }

  static String text(JsonObject body, String field, int max) {
    String v = optionalText(body, field, max);
    if (v == null || v.isEmpty()) {
      throw invalid(field, "is required");
    }
    return v;
  }

  static String optionalText(JsonObject body, String field, int max) {
    if (body == null) {
      throw Problem.badRequest("A JSON object body is required.");
    }
    JsonValue v = body.get(field);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(v instanceof JsonString s)) {
      throw invalid(field, "must be a string");
    }
    if (s.getString().length() > max) {
      throw invalid(field, "must be at most " + max + " characters");
    }
    return s.getString();
  }

  private static Problem invalid(String field, String why) {
    return new Problem(
        400,
        "urn:vesana:problem:invalid-request",
        "Invalid request",
        field + " " + why + ".",
        Map.of(
            "errors",
            java.util.List.of(Map.of("pointer", "/" + field, "detail", field + " " + why))));
  }
}
