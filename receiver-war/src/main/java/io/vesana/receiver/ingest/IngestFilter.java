package io.vesana.receiver.ingest;

import io.vesana.receiver.auth.Sender;
import io.vesana.receiver.auth.SenderAuthenticator;
import io.vesana.receiver.problems.ProblemResponses;
import io.vesana.receiver.wire.MessageKind;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Serves {@code POST /v1/results}, {@code /heartbeat} and {@code /discovery} without the JAX-RS
 * runtime: the same authentication, {@link Intake} and problem answers as {@link IngestResource},
 * on the servlet request directly. Profiling the receiver under load showed about 30% of its CPU
 * between the servlet and the resource method (routing, injection, response building) for an
 * endpoint that does one thing. Anything else (other methods, other paths) goes on to JAX-RS, which
 * answers 404/405 as before. {@code ReceiverIT} runs every ingest case through this filter.
 */
@WebFilter("/v1/*")
public class IngestFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject transient SenderAuthenticator authenticator;
  @Inject transient Intake intake;
  @Inject transient ProblemResponses problems;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    MessageKind kind = "POST".equals(req.getMethod()) ? kind(req) : null;
    if (kind == null) {
      chain.doFilter(req, res);
      return;
    }
    Response answer;
    try {
      Sender sender =
          authenticator.authenticate(
              req.getHeader(IngestResource.AGENT_TOKEN),
              req.getHeader(IngestResource.API_KEY),
              IngestResource.allowed(kind));
      answer =
          intake.accept(
              sender, kind, req.getContentType(), req.getContentLengthLong(), req.getInputStream());
    } catch (RuntimeException e) {
      answer = problems.toResponse(e);
    }
    write(answer, res);
  }

  private static MessageKind kind(HttpServletRequest req) {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    return switch (path) {
      case "/v1/results" -> MessageKind.RESULTS;
      case "/v1/heartbeat" -> MessageKind.HEARTBEAT;
      case "/v1/discovery" -> MessageKind.DISCOVERY;
      default -> null;
    };
  }

  /** A JAX-RS response (status, headers, String entity) onto the servlet response. */
  private static void write(Response answer, HttpServletResponse res) throws IOException {
    res.setStatus(answer.getStatus());
    for (Map.Entry<String, List<Object>> h : answer.getHeaders().entrySet()) {
      for (Object value : h.getValue()) {
        res.addHeader(h.getKey(), String.valueOf(value));
      }
    }
    Object entity = answer.getEntity();
    byte[] body = entity == null ? new byte[0] : entity.toString().getBytes(StandardCharsets.UTF_8);
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
  }
}
