package io.vesana.receiver.wire;

import io.vesana.contract.CheckResult;
import io.vesana.contract.CheckState;
import io.vesana.contract.ContractLimits;
import jakarta.json.stream.JsonParser.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a results message: a batch {@code {"v":1,"results":[...]}} or one result inline {@code
 * {"v":1,"host":...}}. Which one is decided after the whole top-level object, since members may
 * come in any order.
 */
final class ResultsReader {

  private static final String[] RESULT_NAMES = {
    "host",
    "service",
    "state",
    "output",
    "long_output",
    "perfdata",
    "checked_at",
    "execution_ms",
    "idempotency_key"
  };
  private static final FieldNames RESULT_FIELDS = FieldNames.of(RESULT_NAMES);
  private static final FieldNames TOP_FIELDS;

  static {
    String[] top = java.util.Arrays.copyOf(RESULT_NAMES, RESULT_NAMES.length + 2);
    top[RESULT_NAMES.length] = "v";
    top[RESULT_NAMES.length + 1] = "results";
    TOP_FIELDS = FieldNames.of(top);
  }

  private final JsonCursor cursor;
  private final FieldReader fields;
  private final Violations violations;

  ResultsReader(JsonCursor cursor, FieldReader fields) {
    this.cursor = cursor;
    this.fields = fields;
    this.violations = cursor.violations();
  }

  /** Reads the top-level object (its START_OBJECT already consumed). */
  List<CheckResult> read() {
    List<CheckResult> batch = new ArrayList<>();
    ResultFields inline = new ResultFields(Pointer.ROOT);
    boolean[] seen = new boolean[3]; // v, results, any inline result field
    cursor.members(
        Pointer.ROOT,
        TOP_FIELDS,
        (name, at, e) -> {
          switch (name) {
            case "v" -> {
              seen[0] = true;
              fields.version(at, e);
            }
            case "results" -> {
              seen[1] = true;
              readBatch(at, e, batch);
            }
            default -> {
              seen[2] = true;
              inline.read(name, at, e);
            }
          }
        });
    if (!seen[0]) {
      violations.add("/v", "required");
    }
    if (seen[1] && seen[2]) {
      violations.add(
          Pointer.ROOT,
          "a batch holds its results under \"results\" only; no result fields beside it");
      return batch;
    }
    if (seen[1]) {
      return batch;
    }
    if (!seen[2]) {
      violations.add("/results", "required (or a single result's fields at the top level)");
      return batch;
    }
    CheckResult single = inline.build();
    return single == null ? List.of() : List.of(single);
  }

  private void readBatch(Pointer at, Event e, List<CheckResult> batch) {
    if (e != Event.START_ARRAY) {
      cursor.wrongType(e, at, "an array of results");
      return;
    }
    int index = 0;
    for (Event item = cursor.next(at); item != Event.END_ARRAY; item = cursor.next(at)) {
      Pointer itemAt = at.child(index);
      if (++index > ContractLimits.MAX_RESULTS_PER_BATCH) {
        throw violations.fatal(
            at, "must hold at most " + ContractLimits.MAX_RESULTS_PER_BATCH + " results");
      }
      if (item != Event.START_OBJECT) {
        cursor.wrongType(item, itemAt, "a result object");
        continue;
      }
      ResultFields r = new ResultFields(itemAt);
      cursor.members(itemAt, RESULT_FIELDS, r::read);
      CheckResult result = r.build();
      if (result != null) {
        batch.add(result);
      }
    }
    if (index == 0) {
      violations.add(at, "must hold at least one result");
    }
  }

  /** The members of one result as they are read; {@link #build()} checks the required ones. */
  private final class ResultFields {
    private final Pointer pointer;
    private long present;
    private boolean bad;
    private String host;
    private String service;
    private CheckState state;
    private String output;
    private String longOutput;
    private String perfdata;
    private Instant checkedAt;
    private Long executionMs;
    private String idempotencyKey;

    ResultFields(Pointer pointer) {
      this.pointer = pointer;
    }

    void read(String name, Pointer at, Event e) {
      present |= RESULT_FIELDS.bit(name);
      int before = violations.size();
      switch (name) {
        case "host" -> host = fields.name(at, e);
        case "service" -> service = fields.name(at, e);
        case "state" -> {
          Long code = fields.integer(at, e, 0, 3);
          state = code == null ? null : CheckState.ofCode(code.intValue());
        }
        case "output" -> output = fields.text(at, e, ContractLimits.MAX_OUTPUT_CHARS);
        case "long_output" -> longOutput = fields.text(at, e, ContractLimits.MAX_LONG_OUTPUT_CHARS);
        case "perfdata" -> perfdata = fields.text(at, e, ContractLimits.MAX_PERFDATA_CHARS);
        case "checked_at" -> checkedAt = fields.time(at, e);
        case "execution_ms" -> executionMs = fields.integer(at, e, 0, Integer.MAX_VALUE);
        case "idempotency_key" -> idempotencyKey = idempotencyKey(at, e);
        default -> throw new IllegalStateException("unhandled result field " + name);
      }
      bad |= violations.size() != before;
    }

    private String idempotencyKey(Pointer at, Event e) {
      String key = fields.name(at, e);
      if (key != null
          && key.codePointCount(0, key.length()) > ContractLimits.MAX_IDEMPOTENCY_KEY_CHARS) {
        violations.add(
            at, "must be at most " + ContractLimits.MAX_IDEMPOTENCY_KEY_CHARS + " characters");
        return null;
      }
      return key;
    }

    CheckResult build() {
      bad |= missing(host, "host") | missing(service, "service") | missing(state, "state");
      bad |= missing(output, "output") | missing(checkedAt, "checked_at");
      if (bad) {
        return null;
      }
      Integer ms = executionMs == null ? null : executionMs.intValue();
      return new CheckResult(
          host, service, state, output, longOutput, perfdata, checkedAt, ms, idempotencyKey);
    }

    private boolean missing(Object value, String name) {
      // A present-but-invalid member was reported when it was read; do not call it missing too.
      if (value == null && (present & RESULT_FIELDS.bit(name)) == 0) {
        violations.add(pointer.child(name), "required");
      }
      return value == null;
    }
  }
}
