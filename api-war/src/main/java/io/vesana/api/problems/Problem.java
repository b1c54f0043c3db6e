package io.vesana.api.problems;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * An RFC 9457 problem, thrown by resources and written as {@code application/problem+json} by
 * {@link ProblemMapper}. {@code extra} members are added to the body (e.g. {@code errors}).
 */
public final class Problem extends RuntimeException {

  public static final MediaType JSON = new MediaType("application", "problem+json");
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String title;
  private final transient Map<String, Object> extra;
  private final transient Map<String, String> headers;

  public Problem(int status, String type, String title, String detail, Map<String, Object> extra) {
    this(status, type, title, detail, extra, Map.of());
  }

  public Problem(
      int status,
      String type,
      String title,
      String detail,
      Map<String, Object> extra,
      Map<String, String> headers) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.extra = Map.copyOf(extra);
    this.headers = Map.copyOf(headers);
  }

  public static Problem badRequest(String detail) {
    return new Problem(
        400, "urn:vesana:problem:invalid-request", "Invalid request", detail, Map.of());
  }

  public static Problem unauthorized() {
    return new Problem(
        401,
        "urn:vesana:problem:unauthorized",
        "Authentication required",
        "A valid bearer token is required.",
        Map.of(),
        Map.of("WWW-Authenticate", "Bearer realm=\"vesana\""));
  }

  public static Problem forbidden(String permission) {
    return new Problem(
        403,
        "urn:vesana:problem:forbidden",
        "Not allowed",
        "This needs the permission " + permission + ".",
        Map.of("permission", permission));
  }

  /**
   * The caller must use two-factor authentication and has not set it up: their token allows only
   * enrolment.
   */
  public static Problem twoFactorEnrolmentRequired() {
    return new Problem(
        403,
        "urn:vesana:problem:two-factor-enrolment-required",
        "Two-factor enrolment required",
        "This account must use two-factor authentication: set it up with POST"
            + " /api/v1/me/two-factor and its confirmation, then log in again.",
        Map.of());
  }

  /** Also the answer for another tenant's rows: their existence is not revealed. */
  public static Problem notFound(String what) {
    return new Problem(
        404, "urn:vesana:problem:not-found", "Not found", what + " not found.", Map.of());
  }

  public static Problem conflict(String detail) {
    return new Problem(409, "urn:vesana:problem:conflict", "Conflict", detail, Map.of());
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public Map<String, Object> extra() {
    return extra;
  }

  public Response toResponse() {
    Response.ResponseBuilder r = Response.status(status).type(JSON).entity(ProblemBody.of(this));
    headers.forEach(r::header);
    return r.build();
  }
}
