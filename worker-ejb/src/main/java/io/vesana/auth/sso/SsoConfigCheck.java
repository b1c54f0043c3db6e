package io.vesana.auth.sso;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * Reads the SSO configuration when the application starts, so a wrong one stops the deployment
 * instead of the first exchange. Apart from {@link SsoLogin}, which holds a {@code @Resource} data
 * source: instantiating that bean from this early event failed the EAR deployment on full Payara
 * Server (the application's data source is not bound yet when CDI starts there).
 */
@ApplicationScoped
class SsoConfigCheck {

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    SsoLogin.configured();
  }
}
