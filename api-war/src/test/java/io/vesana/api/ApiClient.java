package io.vesana.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API as a test sees it over HTTP: bearer requests under {@code /v1}, login, JSON parsing and
 * the OpenAPI document. One per IT class (it holds the deployment's URL); the address counter is
 * shared by every class that uses it, so two classes in one JVM never log in from the same address
 * and trip the per-address login rate limit together.
 */
final class ApiClient {

  /** Each request comes from an address of its own (X-Forwarded-For; 127.0.0.1 is trusted). */
  private static final AtomicInteger ADDRESS = new AtomicInteger(1);

  private final HttpClient http = HttpClient.newHttpClient();
  private final String root;

  /**
   * @param base the deployment's URL as Arquillian injects it; rewritten to 127.0.0.1 (Payara may
   *     report another local address) because the API trusts X-Forwarded-For only from there.
   */
  ApiClient(URL base) {
    this.root = base.toString().replaceAll("/$", "").replaceFirst("//[^:/]+", "//127.0.0.1");
  }

  /** {@code http://127.0.0.1:<port>/<context>}, without a trailing slash. */
  String root() {
    return root;
  }

  static String nextAddress() {
    int n = ADDRESS.getAndIncrement();
    return "192.0.2." + (n % 250 + 1) + ", 10.3." + (n / 250 % 250) + "." + (n % 7 + 1);
  }

  /** {@code method} on {@code /v1/<path>} with a bearer token and a JSON body (both optional). */
  HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    return send(method, path, token, body, null);
  }

  /** As {@link #send(String, String, String, String)}, from the given X-Forwarded-For address. */
  HttpResponse<String> send(String method, String path, String token, String body, String ip)
      throws Exception {
    return send(
        method,
        path,
        token == null ? Map.of() : Map.of("Authorization", "Bearer " + token),
        body,
        ip);
  }

  /** {@code method} on {@code /v1/<path>} with headers of the caller's choosing. */
  HttpResponse<String> send(
      String method, String path, Map<String, String> headers, String body, String ip)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(root + "/v1/" + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      r.header("Content-Type", "application/json");
    }
    headers.forEach(r::header);
    r.header("X-Forwarded-For", ip == null ? nextAddress() : ip);
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> loginResponse(String email, String password, String ip) throws Exception {
    String body =
        Json.createObjectBuilder().add("email", email).add("password", password).build().toString();
    return send("POST", "auth/login", (String) null, body, ip);
  }

  /** The token answer of a login with the fixture's password, which must succeed. */
  JsonObject login(String email) throws Exception {
    HttpResponse<String> r = loginResponse(email, ApiFixture.PASSWORD, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r);
  }

  String token(String email) throws Exception {
    return login(email).getString("access_token");
  }

  /** The OpenAPI document as JSON; Payara serves it at the server root, outside the context. */
  HttpResponse<String> openApi() throws Exception {
    String server = root.replaceFirst("(//[^/]+).*", "$1");
    return http.send(
        HttpRequest.newBuilder(URI.create(server + "/openapi"))
            .header("Accept", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonObject json(HttpResponse<String> r) {
    try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
      return reader.readObject();
    }
  }

  /** The {@code id} of a 201 answer, which must be one. */
  static long created(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).getJsonNumber("id").longValue();
  }
}
