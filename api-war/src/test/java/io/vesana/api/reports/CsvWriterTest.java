package io.vesana.api.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

  String write(Object... cells) throws Exception {
    StringWriter w = new StringWriter();
    new CsvWriter(w).row(Arrays.asList(cells));
    return w.toString();
  }

  @Test
  void plainCellsAreWrittenAsTheyAreWithCrlf() throws Exception {
    assertThat(write("web1", "http", 99.5, 42L)).isEqualTo("web1,http,99.5,42\r\n");
    assertThat(write("a", null, "b")).isEqualTo("a,,b\r\n");
  }

  @Test
  void commasQuotesAndLineBreaksAreQuotedWithQuotesDoubled() throws Exception {
    assertThat(write("a,b", "say \"hi\"", "two\nlines"))
        .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
  }

  @Test
  void textThatASpreadsheetWouldRunIsPrefixedButNumbersAreNot() throws Exception {
    assertThat(write("=HYPERLINK(\"http://evil\")", "+1", "-cmd", "@SUM(A1)", -5))
        .isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\",'+1,'-cmd,'@SUM(A1),-5\r\n");
    assertThat(CsvWriter.field("\t=1")).isEqualTo("'\t=1");
    assertThat(write(List.of("safe=text").get(0))).isEqualTo("safe=text\r\n");
  }
}
