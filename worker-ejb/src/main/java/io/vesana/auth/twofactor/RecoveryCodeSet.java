package io.vesana.auth.twofactor;

import java.util.List;
import java.util.Objects;

/**
 * Freshly generated recovery codes: {@code codes} to show the user once, {@code hashes} (SHA-256,
 * 32 bytes each, same order) to store. {@code toString()} shows neither.
 *
 * @param codes the plaintext codes, formatted {@code xxxx-xxxx-xxxx}
 * @param hashes their hashes (copies on every access)
 */
public record RecoveryCodeSet(List<String> codes, List<byte[]> hashes) {

  public RecoveryCodeSet {
    codes = List.copyOf(codes);
    hashes = copy(hashes);
    if (codes.size() != hashes.size()) {
      throw new IllegalArgumentException("codes and hashes differ in number");
    }
  }

  @Override
  public List<byte[]> hashes() {
    return copy(hashes);
  }

  @Override
  public String toString() {
    return "RecoveryCodeSet[" + codes.size() + " codes, <redacted>]";
  }

  private static List<byte[]> copy(List<byte[]> hashes) {
    return Objects.requireNonNull(hashes, "hashes").stream().map(byte[]::clone).toList();
  }
}
