package io.provwatch.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts a byte stream into lines on {@code '\n'} (dropping a {@code '\r'} before it), keeping at most
 * {@code max} bytes of a line and skipping the rest, so that one huge line cannot exhaust memory.
 * Reads in blocks and scans them itself: a byte-at-a-time {@code read()} costs more than parsing.
 */
final class BoundedLineReader {
  private static final int BLOCK = 64 * 1024;

  private final InputStream in;
  private final int max;
  private final byte[] block = new byte[BLOCK];
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private int next;
  private int end;

  /** A line without its terminator; {@code truncated} when it was longer than the limit and only its start is here. */
  record Line(byte[] bytes, boolean truncated) {}

  BoundedLineReader(InputStream in, int max) {
    this.in = in;
    this.max = max;
  }

  /** The next line, or null at the end of the input. */
  Line next() throws IOException {
    line.reset();
    boolean truncated = false;
    boolean any = false;
    while (true) {
      if (next == end) {
        int read = in.read(block, 0, BLOCK);
        next = 0;
        end = Math.max(read, 0);
        if (read < 0) {
          if (!any) {
            return null;
          }
          break;
        }
        continue; // an InputStream returns 0 bytes only when asked for none; be safe all the same
      }
      any = true;
      int newline = indexOfNewline(next, end);
      int stop = newline < 0 ? end : newline;
      int room = max - line.size();
      int take = Math.min(room, stop - next);
      line.write(block, next, take);
      truncated |= take < stop - next;
      next = newline < 0 ? end : newline + 1;
      if (newline >= 0) {
        break;
      }
    }
    byte[] bytes = line.toByteArray();
    if (!truncated && bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
      bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1);
    }
    return new Line(bytes, truncated);
  }

  private int indexOfNewline(int from, int to) {
    for (int i = from; i < to; i++) {
      if (block[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
