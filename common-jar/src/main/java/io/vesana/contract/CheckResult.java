package io.vesana.contract;

import java.time.Instant;
import java.util.Objects;

/**
 * One check outcome pushed by an agent or collector, as it travels on the wire (contract v1).
 *
 * <p>JSON (snake_case): {@code host}, {@code service}, {@code state} (0..3), {@code output},
 * optional {@code long_output}, optional {@code perfdata} (Nagios format, unparsed), {@code
 * checked_at} (ISO-8601 UTC or epoch milliseconds), optional {@code execution_ms}, optional {@code
 * idempotency_key}. Limits are in {@link ContractLimits}.
 */
public record CheckResult(
    String host,
    String service,
    CheckState state,
    String output,
    String longOutput,
    String perfdata,
    Instant checkedAt,
    Integer executionMs,
    String idempotencyKey) {

  public CheckResult {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(checkedAt, "checkedAt");
  }
}
