package io.vesana.receiver.ingest;

import io.vesana.receiver.redis.ReceiverRedis;
import io.vesana.receiver.redis.StreamRefusedException;
import io.vesana.receiver.wire.MessageKind;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counters of what the receiver accepted and refused (by reason), and the ingest stream's length.
 * The length is sampled at most once a second: a scrape storm must not become an XLEN storm.
 */
@ApplicationScoped
public class IngestMetrics {

  static final String ACCEPTED = "vesana.receiver.requests.accepted";
  static final String REFUSED = "vesana.receiver.requests.refused";
  static final String RESULTS = "vesana.receiver.results.accepted";
  static final String STREAM_LENGTH = "vesana.receiver.stream.length";
  private static final long SAMPLE_EVERY_MS = 1_000;

  @Inject MetricRegistry registry;
  @Inject ReceiverRedis redis;

  private volatile long sampledAtMs;
  private volatile long sampledLength = -1;

  @PostConstruct
  void registerGauge() {
    registry.gauge(STREAM_LENGTH, this, IngestMetrics::streamLength);
  }

  public void accepted(MessageKind kind, int items) {
    registry.counter(ACCEPTED, new Tag("kind", kind.streamKind())).inc();
    if (kind == MessageKind.RESULTS) {
      registry.counter(RESULTS).inc(items);
    }
  }

  /**
   * @param reason a short snake_case tag, e.g. {@code invalid}, {@code stream_full}
   */
  public void refused(String reason) {
    registry.counter(REFUSED, new Tag("reason", reason)).inc();
  }

  public void refused(StreamRefusedException.Reason reason) {
    refused("redis_" + reason.name().toLowerCase(Locale.ROOT));
  }

  /** XLEN, at most a second old; -1 while Redis does not answer. */
  long streamLength() {
    long now = System.currentTimeMillis();
    if (now - sampledAtMs >= SAMPLE_EVERY_MS) {
      sampledAtMs = now;
      try {
        sampledLength = redis.ingestStreamLength();
      } catch (StreamRefusedException e) {
        sampledLength = -1;
      }
    }
    return sampledLength;
  }
}
