package io.vesana.receiver.wire;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes actually read and fails once they exceed the limit. Content-Length alone is not
 * enough: chunked bodies have none, and a sender may lie.
 */
final class BoundedInputStream extends FilterInputStream {

  /** Raised inside the JSON parser's read; {@link WireParser} turns it into a 413. */
  static final class LimitExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    LimitExceeded() {
      super("body limit exceeded", null);
    }
  }

  private final long limit;
  private long count;

  BoundedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      add(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    add(skipped);
    return skipped;
  }

  long count() {
    return count;
  }

  private void add(long n) throws LimitExceeded {
    count += n;
    if (count > limit) {
      throw new LimitExceeded();
    }
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
