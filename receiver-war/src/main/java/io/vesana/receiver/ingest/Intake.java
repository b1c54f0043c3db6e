package io.vesana.receiver.ingest;

import io.vesana.contract.ContractLimits;
import io.vesana.contract.IngestStream;
import io.vesana.receiver.auth.Sender;
import io.vesana.receiver.redis.ReceiverRedis;
import io.vesana.receiver.wire.BodyTooLargeException;
import io.vesana.receiver.wire.MessageKind;
import io.vesana.receiver.wire.ParsedBody;
import io.vesana.receiver.wire.WireParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * One accepted request = one stream entry: check media type and announced size, parse the whole
 * body (nothing is written before the last byte is validated), then a single XADD.
 */
@ApplicationScoped
public class Intake {

  @Inject ReceiverRedis redis;
  @Inject IngestMetrics metrics;

  private final WireParser parser = new WireParser(Clock.systemUTC());

  /**
   * @param contentType the Content-Type header, or null
   * @param contentLength the announced length, -1 when not announced (chunked)
   */
  Response accept(
      Sender sender, MessageKind kind, String contentType, long contentLength, InputStream body) {
    requireJson(mediaType(contentType));
    if (contentLength > ContractLimits.MAX_BODY_BYTES) {
      throw new BodyTooLargeException(ContractLimits.MAX_BODY_BYTES);
    }
    long receivedAt = System.currentTimeMillis();
    ParsedBody parsed = parser.parse(kind, body);
    String id =
        redis.addToIngestStream(
            List.of(
                IngestStream.F_VERSION, IngestStream.FORMAT_VERSION,
                IngestStream.F_KIND, kind.streamKind(),
                IngestStream.F_TENANT, Long.toString(sender.tenantId()),
                IngestStream.F_SOURCE, source(sender),
                IngestStream.F_CREDENTIAL, Long.toString(sender.credentialId()),
                IngestStream.F_RECEIVED, Long.toString(receivedAt),
                IngestStream.F_BODY, parsed.canonicalJson()));
    metrics.accepted(kind, parsed.items());
    // A stream id is digits and one dash: nothing to escape.
    String answer = "{\"accepted\":" + parsed.items() + ",\"id\":\"" + id + "\"}";
    return Response.accepted(answer).type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  /** The parsed Content-Type; null when absent or unparseable (both refused as not JSON). */
  private static MediaType mediaType(String header) {
    if (header == null) {
      return null;
    }
    try {
      return MediaType.valueOf(header);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** application/json, and if a charset is named it must be UTF-8 (RFC 8259 allows no other). */
  private static void requireJson(MediaType type) {
    boolean json =
        type != null
            && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
            && !type.isWildcardType()
            && !type.isWildcardSubtype();
    String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
    if (!json || (charset != null && !StandardCharsets.UTF_8.name().equalsIgnoreCase(charset))) {
      throw new NotSupportedException("Content-Type must be application/json (UTF-8)");
    }
  }

  private static String source(Sender sender) {
    return sender.kind() == Sender.Kind.AGENT
        ? IngestStream.SOURCE_AGENT
        : IngestStream.SOURCE_COLLECTOR;
  }
}
