package io.vesana.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The operations the API offers, read two ways: from the OpenAPI document Payara serves, and from
 * the JAX-RS annotations of the resource classes compiled into this module. The two must agree (an
 * operation missing from the document is invisible to clients and to the isolation matrix).
 */
final class ApiSurface {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");

  /**
   * One operation, e.g. {@code GET /v1/hosts/{hostId}/services/{id}}.
   *
   * @param hasBody whether the operation takes a request body
   * @param query the names of its query parameters
   */
  record Operation(String method, String path, boolean hasBody, List<String> query)
      implements Comparable<Operation> {

    /** {@code "GET /v1/hosts/{id}"}: the key of the tables in the isolation matrix. */
    String key() {
      return method + " " + path;
    }

    /**
     * Each path parameter with the segment before it, {@code "hosts/{hostId}"}, {@code
     * "services/{id}"}: the segment says what kind of object the parameter names.
     */
    List<String> parameters() {
      List<String> out = new ArrayList<>();
      Matcher m = PARAM.matcher(path);
      while (m.find()) {
        String before = path.substring(0, m.start() - 1);
        out.add(before.substring(before.lastIndexOf('/') + 1) + "/" + m.group());
      }
      return out;
    }

    @Override
    public int compareTo(Operation o) {
      return key().compareTo(o.key());
    }
  }

  private ApiSurface() {}

  /** Every operation of the document's {@code paths}. */
  static List<Operation> fromOpenApi(JsonObject document) {
    List<Operation> out = new ArrayList<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.keySet()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.keySet()) {
        if (METHODS.contains(method)) {
          JsonObject operation = item.getJsonObject(method);
          List<String> query = new ArrayList<>();
          JsonArray parameters =
              operation.containsKey("parameters")
                  ? operation.getJsonArray("parameters")
                  : JsonValue.EMPTY_JSON_ARRAY;
          for (JsonObject p : parameters.getValuesAs(JsonObject.class)) {
            if (p.getString("in").equals("query")) {
              query.add(p.getString("name"));
            }
          }
          boolean body = operation.containsKey("requestBody");
          out.add(new Operation(method.toUpperCase(Locale.ROOT), path, body, List.copyOf(query)));
        }
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * {@code "GET /v1/hosts/{id}"} for every resource method of the API's classes. Sub-resource
   * locators (a {@code @Path} method without an HTTP method) are not followed: the API has none.
   */
  static Set<String> fromJaxRs() throws Exception {
    Set<String> out = new TreeSet<>();
    for (Class<?> type : resourceClasses()) {
      String base = type.getAnnotation(Path.class).value();
      for (Method m : type.getDeclaredMethods()) {
        String verb = httpMethod(m);
        if (verb != null) {
          Path sub = m.getAnnotation(Path.class);
          out.add(verb + " " + join("/v1", base, sub == null ? "" : sub.value()));
        }
      }
    }
    return out;
  }

  private static String httpMethod(Method m) {
    for (Annotation a : m.getAnnotations()) {
      HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return verb.value();
      }
    }
    return null;
  }

  private static String join(String... parts) {
    StringBuilder b = new StringBuilder();
    for (String p : parts) {
      String trimmed = p.replaceAll("^/+|/+$", "");
      if (!trimmed.isEmpty()) {
        b.append('/').append(trimmed);
      }
    }
    return b.toString();
  }

  /**
   * The classes annotated with {@code @Path} under {@code io.vesana.api} in this module's output.
   */
  private static List<Class<?>> resourceClasses() throws Exception {
    java.nio.file.Path classes =
        Paths.get(VesanaApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> out = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(classes.resolve("io/vesana/api"))) {
      for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name =
            classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> type = Class.forName(name, false, ApiSurface.class.getClassLoader());
        if (type.isAnnotationPresent(Path.class)) {
          out.add(type);
        }
      }
    }
    return out;
  }
}
