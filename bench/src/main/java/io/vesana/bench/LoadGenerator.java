package io.vesana.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated agents: every host pushes one batch of all its services per interval, hosts spread
 * evenly over the interval, as real agents with independent start times would. Each sender thread
 * owns a slice of the hosts and sends their batches in due order; when it falls behind it sends at
 * once and the lag shows in the numbers (no silent coordinated omission: the schedule lag is
 * reported). Refused batches are counted, not resent.
 */
final class LoadGenerator {

  /** Typical plugin output and perfdata sizes (check_load). */
  static final String OUTPUT = "OK - load average: 0.12, 0.20, 0.18";

  static final String PERFDATA =
      "load1=0.120;5.000;10.000;0; load5=0.200;4.000;8.000;0; load15=0.180;3.000;6.000;0;";
  static final String PERFDATA_JSON =
      "[{\"label\":\"load1\",\"value\":0.12,\"warn\":5,\"crit\":10,\"min\":0},"
          + "{\"label\":\"load5\",\"value\":0.2,\"warn\":4,\"crit\":8,\"min\":0},"
          + "{\"label\":\"load15\",\"value\":0.18,\"warn\":3,\"crit\":6,\"min\":0}]";

  final AtomicLong sentResults = new AtomicLong();
  final AtomicLong acceptedResults = new AtomicLong();
  final AtomicLong refusedResults = new AtomicLong();
  final AtomicLong failedResults = new AtomicLong();
  final AtomicLong maxScheduleLagMs = new AtomicLong();
  final LatencyRecorder acceptLatency = new LatencyRecorder();

  /** Refused results by HTTP status, so a refusal's reason (503 full, 401, 400) is visible. */
  final java.util.concurrent.ConcurrentSkipListMap<Integer, AtomicLong> refusedByStatus =
      new java.util.concurrent.ConcurrentSkipListMap<>();

  private final BenchOptions options;
  private final BenchFixture fixture;
  private final String path;

  private final StatusSampler sampler;

  LoadGenerator(BenchOptions options, BenchFixture fixture, StatusSampler sampler) {
    this.options = options;
    this.fixture = fixture;
    this.sampler = sampler;
    this.path = URI.create(options.receiverUrl() + "/v1/results").getRawPath();
  }

  /** Runs the load for the configured duration; returns when every sender has stopped. */
  long run(long startEpochMs) throws InterruptedException {
    return run(startEpochMs, System.nanoTime() + options.duration().toNanos(), Long.MAX_VALUE);
  }

  /** Exactly {@code rounds} batches per host, however long they take (the warm-up). */
  long runRounds(long startEpochMs, long rounds) throws InterruptedException {
    return run(startEpochMs, Long.MAX_VALUE, rounds);
  }

  private long run(long startEpochMs, long endNanos, long rounds) throws InterruptedException {
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < options.senders(); t++) {
      int slice = t;
      Thread thread =
          new Thread(() -> sendSlice(slice, startEpochMs, endNanos, rounds), "sender-" + t);
      thread.start();
      senders.add(thread);
    }
    for (Thread thread : senders) {
      thread.join();
    }
    return System.currentTimeMillis();
  }

  private void sendSlice(int slice, long startEpochMs, long endNanos, long rounds) {
    try (KeepAliveHttp client = new KeepAliveHttp(URI.create(options.receiverUrl()), 30_000)) {
      sendSlice(slice, startEpochMs, endNanos, rounds, client);
    }
  }

  private void sendSlice(
      int slice, long startEpochMs, long endNanos, long rounds, KeepAliveHttp client) {
    long interval = options.interval().toMillis();
    int hosts = fixture.hostNames.size();
    for (long round = 0; round < rounds && System.nanoTime() < endNanos; round++) {
      for (int h = slice; h < hosts && System.nanoTime() < endNanos; h += options.senders()) {
        long due = startEpochMs + round * interval + (long) h * interval / hosts;
        long wait = due - System.currentTimeMillis();
        if (wait > 0) {
          sleep(wait);
        } else {
          maxScheduleLagMs.accumulateAndGet(-wait, Math::max);
        }
        send(client, h, due, round);
      }
    }
  }

  private void send(KeepAliveHttp client, int host, long checkedAtMs, long round) {
    int n = fixture.serviceNames.size();
    byte[] body = batch(host, checkedAtMs, round).getBytes(StandardCharsets.UTF_8);
    sentResults.addAndGet(n);
    if (StatusSampler.watched(host)) {
      sampler.sending(host, checkedAtMs, System.currentTimeMillis());
    }
    long start = System.nanoTime();
    try {
      int status = client.post(path, "X-Agent-Token: " + fixture.tokens.get(host) + "\r\n", body);
      long micros = (System.nanoTime() - start) / 1000;
      if (status == 202) {
        acceptedResults.addAndGet(n);
        acceptLatency.record(micros);
      } else {
        sampler.refused(host, checkedAtMs);
        refusedResults.addAndGet(n);
        refusedByStatus.computeIfAbsent(status, k -> new AtomicLong()).addAndGet(n);
      }
    } catch (java.io.IOException | RuntimeException e) {
      sampler.refused(host, checkedAtMs);
      failedResults.addAndGet(n);
    }
  }

  /** One host's batch: every service, one state change now and then to exercise alerting. */
  private String batch(int host, long checkedAtMs, long round) {
    StringBuilder json = new StringBuilder(256 * fixture.serviceNames.size());
    json.append("{\"v\":1,\"results\":[");
    for (int s = 0; s < fixture.serviceNames.size(); s++) {
      int state = (s == 0 && host % 50 == 0 && round % 10 >= 5) ? 2 : 0;
      if (s > 0) {
        json.append(',');
      }
      json.append("{\"host\":\"")
          .append(fixture.hostNames.get(host))
          .append("\",\"service\":\"")
          .append(fixture.serviceNames.get(s))
          .append("\",\"state\":")
          .append(state)
          .append(",\"output\":\"")
          .append(OUTPUT)
          .append("\",\"perfdata\":\"")
          .append(PERFDATA)
          .append("\",\"checked_at\":")
          .append(checkedAtMs)
          .append(",\"execution_ms\":12}");
    }
    return json.append("]}").toString();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
