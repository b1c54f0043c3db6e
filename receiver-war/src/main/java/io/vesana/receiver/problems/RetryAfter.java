package io.vesana.receiver.problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code Retry-After} every 503 carries ({@code vesana.receiver.retry-after-s}). */
@ApplicationScoped
public class RetryAfter {

  @Inject
  @ConfigProperty(name = "vesana.receiver.retry-after-s", defaultValue = "5")
  int seconds;

  Response.ResponseBuilder apply(Response.ResponseBuilder response) {
    return response.header("Retry-After", Integer.toString(seconds));
  }
}
