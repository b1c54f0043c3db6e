package io.vesana.api.watchers;

import io.vesana.admin.PipelineSelfTest;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pipeline self-test watcher ({@link PipelineSelfTest}): ticks every {@code
 * vesana.watchers.self-test.tick-seconds} (default 15), runs once per {@code
 * vesana.watchers.self-test.period-seconds} (default 60) across the deployment ({@link
 * ExclusiveWatcher}). A failing run (Redis or PostgreSQL down) is logged and retried at the next
 * tick; health reports it meanwhile.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class SelfTestWatcher extends ExclusiveWatcher {

  static final String NAME = "pipeline-self-test";

  @Inject PipelineSelfTest selfTest;

  @Inject
  @ConfigProperty(name = "vesana.watchers.self-test.tick-seconds", defaultValue = "15")
  long tickSeconds;

  @Inject
  @ConfigProperty(name = "vesana.watchers.self-test.period-seconds", defaultValue = "60")
  long periodSeconds;

  @Override
  String name() {
    return NAME;
  }

  @Override
  long tickSeconds() {
    return tickSeconds;
  }

  @Override
  long periodSeconds() {
    return periodSeconds;
  }

  @Override
  void work() {
    selfTest.run();
  }
}
