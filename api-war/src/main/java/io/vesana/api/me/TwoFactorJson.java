package io.vesana.api.me;

import io.vesana.api.problems.Problem;
import io.vesana.auth.twofactor.TotpEnrolment;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/** Two-factor JSON in and out; input errors carry a pointer to their field. */
final class TwoFactorJson {

  /** A TOTP code has 6 digits, a recovery code 12 characters plus separators; room for spaces. */
  private static final int MAX_CODE_LENGTH = 64;

  private TwoFactorJson() {}

  static JsonObject enrolment(TotpEnrolment e) {
    return Json.createObjectBuilder()
        .add("secret", e.secretBase32())
        .add("otpauth_uri", e.otpauthUri())
        .build();
  }

  static JsonObject recoveryCodes(List<String> codes) {
    JsonArrayBuilder a = Json.createArrayBuilder();
    codes.forEach(a::add);
    return Json.createObjectBuilder().add("recovery_codes", a).build();
  }

  /** The {@code code} of a {@code {"code": "..."}} body. */
  static String code(JsonObject body) {
    if (body == null) {
      throw Problem.badRequest("A JSON object body is required.");
    }
    for (String k : body.keySet()) {
      if (!k.equals("code")) {
        throw invalid(k, k + " is not a field of this request");
      }
    }
    JsonValue v = body.get("code");
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      throw invalid("code", "code is required");
    }
    if (!(v instanceof JsonString s)) {
      throw invalid("code", "code must be a string");
    }
    String code = s.getString().strip();
    if (code.isEmpty()) {
      throw invalid("code", "code must not be blank");
    }
    if (code.length() > MAX_CODE_LENGTH) {
      throw invalid("code", "code must be at most " + MAX_CODE_LENGTH + " characters");
    }
    return code;
  }

  static Problem invalid(String field, String detail) {
    return new Problem(
        400,
        "urn:vesana:problem:invalid-request",
        "Invalid request",
        detail + ".",
        Map.of("errors", List.of(Map.of("pointer", "/" + field, "detail", detail))));
  }
}
