package io.vesana.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The golden JSON samples of contract v1, shipped in this jar so that every party's tests (the
 * receiver's parser, the agent's and collector's writers) check themselves against the same text.
 */
public final class GoldenSamples {

  public static final List<String> V1 =
      List.of("results-batch.json", "result-single.json", "heartbeat.json", "discovery.json");

  private GoldenSamples() {}

  public static String v1(String name) {
    String path = "/META-INF/vesana/contract/v1/" + name;
    try (InputStream in = GoldenSamples.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden sample " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
