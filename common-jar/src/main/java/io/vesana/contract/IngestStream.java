package io.vesana.contract;

/**
 * The Redis stream between receiver and workers: key names and the fields of one entry. One
 * accepted request is one entry, so a request is stored whole or not at all.
 *
 * <p>Entry fields, all strings:
 *
 * <ul>
 *   <li>{@value #F_VERSION}: the stream entry format, {@value #FORMAT_VERSION};
 *   <li>{@value #F_KIND}: {@value #KIND_RESULTS}, {@value #KIND_HEARTBEAT} or {@value
 *       #KIND_DISCOVERY};
 *   <li>{@value #F_TENANT}: tenant id of the authenticated sender;
 *   <li>{@value #F_SOURCE}: {@value #SOURCE_AGENT} or {@value #SOURCE_COLLECTOR};
 *   <li>{@value #F_CREDENTIAL}: id of the agent token or API key that authenticated it;
 *   <li>{@value #F_RECEIVED}: receive time at the receiver, epoch milliseconds;
 *   <li>{@value #F_BODY}: the validated payload as canonical compact JSON, snake_case field names
 *       as on the wire, times as epoch milliseconds, absent optionals omitted. Results: {@code
 *       {"results":[{"host","service","state","output","long_output"?,"perfdata"?,"checked_at",
 *       "execution_ms"?,"idempotency_key"?}]}}.
 * </ul>
 *
 * Key names are relative: instances prefix them with {@code vesana.redis.prefix} ("vesana:").
 */
public final class IngestStream {

  public static final String STREAM = "ingest";
  public static final String DEAD_LETTER_STREAM = "ingest:dead";
  public static final String CONSUMER_GROUP = "workers";

  public static final String FORMAT_VERSION = "1";

  public static final String F_VERSION = "v";
  public static final String F_KIND = "kind";
  public static final String F_TENANT = "tenant";
  public static final String F_SOURCE = "src";
  public static final String F_CREDENTIAL = "cred";
  public static final String F_RECEIVED = "recv";
  public static final String F_BODY = "body";

  public static final String KIND_RESULTS = "results";
  public static final String KIND_HEARTBEAT = "heartbeat";
  public static final String KIND_DISCOVERY = "discovery";

  public static final String SOURCE_AGENT = "agent";
  public static final String SOURCE_COLLECTOR = "collector";

  private IngestStream() {}
}
