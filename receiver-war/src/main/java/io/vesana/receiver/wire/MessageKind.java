package io.vesana.receiver.wire;

import io.vesana.contract.IngestStream;

/** The three messages of contract v1, each with its stream {@code kind} value. */
public enum MessageKind {
  RESULTS(IngestStream.KIND_RESULTS),
  HEARTBEAT(IngestStream.KIND_HEARTBEAT),
  DISCOVERY(IngestStream.KIND_DISCOVERY);

  private final String streamKind;

  MessageKind(String streamKind) {
    this.streamKind = streamKind;
  }

  public String streamKind() {
    return streamKind;
  }
}
