package io.vesana.receiver.wire;

import io.vesana.contract.CheckResult;
import io.vesana.contract.ContractLimits;
import io.vesana.contract.DiscoveryUpload;
import io.vesana.contract.Heartbeat;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads one request body of contract v1 into its canonical stream JSON, or throws {@link
 * InvalidBodyException} (400) / {@link BodyTooLargeException} (413). Thread-safe and stateless
 * apart from the clock: one instance serves all requests.
 */
public final class WireParser {

  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

  private final Clock clock;

  public WireParser(Clock clock) {
    this.clock = clock;
  }

  public ParsedBody parse(MessageKind kind, InputStream body) {
    BoundedInputStream bounded = new BoundedInputStream(body, ContractLimits.MAX_BODY_BYTES);
    // JSON is UTF-8 (RFC 8259). REPORT, not the default REPLACE: a malformed byte is refused
    // rather than silently turned into U+FFFD and stored.
    Reader reader =
        new InputStreamReader(
            bounded,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    Violations violations = new Violations();
    try (JsonParser parser = PARSERS.createParser(reader)) {
      return read(kind, new JsonCursor(parser, violations), violations);
    } catch (JsonParsingException e) {
      throw refine(e, bounded, violations, e.getLocation());
    } catch (JsonException | NoSuchElementException e) {
      throw refine(e, bounded, violations, null);
    }
  }

  private ParsedBody read(MessageKind kind, JsonCursor cursor, Violations violations) {
    Event first = cursor.next(Pointer.ROOT);
    if (first != Event.START_OBJECT) {
      throw violations.fatal(
          Pointer.ROOT, "must be a JSON object, was " + JsonCursor.describe(first));
    }
    FieldReader fields = new FieldReader(cursor, clock.instant());
    ParsedBody parsed =
        switch (kind) {
          case RESULTS -> {
            List<CheckResult> results = new ResultsReader(cursor, fields).read();
            yield new ParsedBody(kind, results.size(), CanonicalJson.results(results));
          }
          case HEARTBEAT -> {
            Heartbeat h = new HeartbeatReader(cursor, fields).read();
            yield violations.isEmpty() ? new ParsedBody(kind, 1, CanonicalJson.heartbeat(h)) : null;
          }
          case DISCOVERY -> {
            DiscoveryUpload d = new DiscoveryReader(cursor, fields).read();
            yield d == null ? null : new ParsedBody(kind, 1, CanonicalJson.discovery(d));
          }
        };
    if (cursor.parser().hasNext()) {
      throw violations.fatal(Pointer.ROOT, "unexpected content after the JSON object");
    }
    violations.throwIfAny();
    return parsed;
  }

  /** Says why the parser gave up: our byte limit, bad UTF-8, or bad JSON. */
  private static RuntimeException refine(
      RuntimeException e, BoundedInputStream bounded, Violations violations, JsonLocation at) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BoundedInputStream.LimitExceeded) {
        return new BodyTooLargeException(ContractLimits.MAX_BODY_BYTES);
      }
      if (t instanceof CharacterCodingException) {
        return violations.fatal(Pointer.ROOT, "not valid UTF-8");
      }
    }
    if (bounded.count() == 0) {
      return violations.fatal(Pointer.ROOT, "empty body: expected a JSON object");
    }
    if (at != null) {
      return violations.fatal(
          Pointer.ROOT,
          "not valid JSON at line " + at.getLineNumber() + ", column " + at.getColumnNumber());
    }
    return violations.fatal(
        Pointer.ROOT, "not valid JSON: the body ended too early or could not be read");
  }
}
