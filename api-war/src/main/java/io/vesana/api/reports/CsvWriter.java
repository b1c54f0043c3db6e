package io.vesana.api.reports;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV: CRLF line ends, a field quoted when it holds a comma, quote, CR or LF, quotes
 * doubled. A text cell beginning with {@code = + - @} (or tab/CR) gets a leading apostrophe, so a
 * spreadsheet shows a host named {@code =HYPERLINK(...)} as text instead of running it (OWASP CSV
 * injection). Numbers are written by the caller as numbers and never prefixed.
 */
public final class CsvWriter {

  private final Writer out;

  public CsvWriter(Writer out) {
    this.out = out;
  }

  /** One record; {@code Number} cells are written as they are, anything else as text. */
  public void row(List<?> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      Object cell = cells.get(i);
      if (cell instanceof Number n) {
        out.write(n.toString());
      } else if (cell != null) {
        out.write(field(cell.toString()));
      }
    }
    out.write("\r\n");
  }

  static String field(String text) {
    String safe = text;
    if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
      safe = "'" + safe;
    }
    if (safe.indexOf(',') >= 0
        || safe.indexOf('"') >= 0
        || safe.indexOf('\n') >= 0
        || safe.indexOf('\r') >= 0) {
      return '"' + safe.replace("\"", "\"\"") + '"';
    }
    return safe;
  }
}
