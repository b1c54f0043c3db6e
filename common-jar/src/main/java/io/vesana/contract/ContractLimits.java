package io.vesana.contract;

import java.time.Duration;

/**
 * The bounds every sender must respect and the receiver enforces (contract v1). A request outside
 * them is refused whole, with a message naming the field and the bound.
 */
public final class ContractLimits {

  /** Largest request body; larger gets 413. */
  public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  public static final int MAX_RESULTS_PER_BATCH = 5_000;
  public static final int MAX_NAME_CHARS = 255;
  public static final int MAX_OUTPUT_CHARS = 16_384;
  public static final int MAX_LONG_OUTPUT_CHARS = 65_536;
  public static final int MAX_PERFDATA_CHARS = 8_192;
  public static final int MAX_IDEMPOTENCY_KEY_CHARS = 128;
  public static final int MAX_JSON_DEPTH = 8;
  public static final int MAX_DISCOVERED_HOSTS = 65_536;

  /** How old a result may be: check_results keeps partitions a week back. */
  public static final Duration MAX_AGE = Duration.ofDays(7);

  /** How far ahead of the server's clock a sender's clock may run. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

  private ContractLimits() {}
}
