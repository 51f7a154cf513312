package io.provwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {
  private static List<BoundedLineReader.Line> lines(InputStream in, int max) throws IOException {
    BoundedLineReader reader = new BoundedLineReader(in, max);
    List<BoundedLineReader.Line> lines = new ArrayList<>();
    BoundedLineReader.Line line;
    while ((line = reader.next()) != null) {
      lines.add(line);
    }
    return lines;
  }

  private static String text(BoundedLineReader.Line line) {
    return new String(line.bytes(), StandardCharsets.UTF_8);
  }

  /** Hands out one byte per read, as a slow pipe may: every line then spans many reads. */
  private static InputStream trickle(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new InputStream() {
      int next;

      @Override
      public int read() {
        return next < bytes.length ? bytes[next++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (next >= bytes.length) {
          return -1;
        }
        b[off] = bytes[next++];
        return 1;
      }
    };
  }

  @Test
  void linesEndOnNewlineWithCarriageReturnsDroppedAndBlankLinesKept() throws IOException {
    String input = "one\r\ntwo\n\nthree";
    for (InputStream in : List.of(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), trickle(input))) {
      assertThat(lines(in, 100)).extracting(BoundedLineReaderTest::text).containsExactly("one", "two", "", "three");
    }
  }

  @Test
  void aTrailingNewlineAddsNoEmptyLastLine() throws IOException {
    assertThat(lines(trickle("a\nb\n"), 100)).extracting(BoundedLineReaderTest::text).containsExactly("a", "b");
    assertThat(lines(trickle(""), 100)).isEmpty();
  }

  @Test
  void linesLongerThanTheReadBlockStayWhole() throws IOException {
    String longLine = "x".repeat(200_000);
    List<BoundedLineReader.Line> lines = lines(new ByteArrayInputStream((longLine + "\nnext\n").getBytes(StandardCharsets.UTF_8)), 300_000);
    assertThat(lines).extracting(BoundedLineReaderTest::text).containsExactly(longLine, "next");
    assertThat(lines).noneMatch(BoundedLineReader.Line::truncated);
  }

  @Test
  void aLineOverTheLimitKeepsItsStartAndTheNextLineIsIntact() throws IOException {
    String input = "y".repeat(150_000) + "\r\nafter\n";
    List<BoundedLineReader.Line> lines = lines(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), 100_000);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).truncated()).isTrue();
    assertThat(lines.get(0).bytes()).hasSize(100_000);
    assertThat(text(lines.get(1))).isEqualTo("after");
    assertThat(lines.get(1).truncated()).isFalse();
  }
}
