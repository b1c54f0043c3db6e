package io.vesana.api.me;

import io.vesana.api.auth.Access;
import io.vesana.api.auth.LoginThrottle;
import io.vesana.api.problems.Problem;
import io.vesana.auth.Caller;
import io.vesana.auth.twofactor.TwoFactorChangeRefusedException;
import io.vesana.auth.twofactor.TwoFactorEnrolment;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code /v1/me/two-factor}: any logged-in user manages their own second factor. {@code POST}
 * starts enrolment and shows the secret once; {@code POST confirm} turns it on with a valid code,
 * shows the recovery codes once and revokes all of the user's refresh tokens (the next session
 * starts with a login using the second factor); {@code DELETE} turns it off with a valid code or
 * recovery code. A user who must use two-factor but has not set it up may call these with their
 * enrolment-only token, and nothing else.
 *
 * <p>Code checks are rate limited per client address like logins, so a stolen access token cannot
 * be used to guess codes quickly.
 */
@Path("me/two-factor")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TwoFactorResource {

  @Inject Access access;
  @Inject TwoFactorEnrolment enrolment;
  @Inject LoginThrottle throttle;
  @Context HttpServletRequest request;

  @POST
  public Response start() throws SQLException {
    Caller caller = access.callerForTwoFactorEnrolment();
    try {
      return noStore(TwoFactorJson.enrolment(enrolment.start(caller)));
    } catch (TwoFactorChangeRefusedException e) {
      throw problem(e);
    }
  }

  @POST
  @Path("confirm")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response confirm(JsonObject body) throws SQLException {
    Caller caller = access.callerForTwoFactorEnrolment();
    String code = TwoFactorJson.code(body);
    throttle.check("two-factor", request);
    try {
      return noStore(TwoFactorJson.recoveryCodes(enrolment.confirm(caller, code)));
    } catch (TwoFactorChangeRefusedException e) {
      throw problem(e);
    }
  }

  @DELETE
  @Consumes(MediaType.APPLICATION_JSON)
  public Response disable(JsonObject body) throws SQLException {
    Caller caller = access.callerForTwoFactorEnrolment();
    String code = TwoFactorJson.code(body);
    throttle.check("two-factor", request);
    try {
      enrolment.disable(caller, code);
      return Response.noContent().build();
    } catch (TwoFactorChangeRefusedException e) {
      throw problem(e);
    }
  }

  /** Secrets and recovery codes are shown once: no cache may keep a copy. */
  private static Response noStore(JsonObject body) {
    return Response.ok(body).header("Cache-Control", "no-store").build();
  }

  private static Problem problem(TwoFactorChangeRefusedException e) {
    return switch (e.reason()) {
      case WRONG_CODE -> TwoFactorJson.invalid("code", "code is not valid");
      case ALREADY_ENABLED -> conflict("two-factor-already-enabled", e);
      case NOT_STARTED -> conflict("two-factor-not-started", e);
      case NOT_ENABLED -> conflict("two-factor-not-enabled", e);
      case REQUIRED_BY_POLICY -> conflict("two-factor-required", e);
      case NO_ACCOUNT -> Problem.unauthorized();
    };
  }

  private static Problem conflict(String type, TwoFactorChangeRefusedException e) {
    return new Problem(409, "urn:vesana:problem:" + type, "Conflict", e.getMessage(), Map.of());
  }
}
