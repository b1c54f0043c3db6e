package io.vesana.admin;

/**
 * Where the pipeline self-test keeps its {@link SelfTestState} between runs, shared by all
 * instances (Redis: {@code io.vesana.redis.RedisSelfTestRecords}). Only the instance holding the
 * watcher's lock writes. Failures surface as unchecked exceptions.
 */
public interface SelfTestRecords {

  SelfTestState read();

  void write(SelfTestState state);
}
