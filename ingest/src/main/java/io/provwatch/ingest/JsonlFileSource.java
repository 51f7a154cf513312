package io.provwatch.ingest;

import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.PostRejection.Code;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads canonical JSON posts, one per line, from a file or stdin, publishing each or dead-lettering
 * it with its line number. Lines are read with a byte bound, so one huge line cannot exhaust memory.
 */
public final class JsonlFileSource {
  public static final String CONNECTOR = "jsonl-file";

  private final CanonicalPostParser parser;
  private final PostSink sink;
  private final int maxLineBytes;
  private final PrintStream progress;
  private final Duration progressInterval;
  private final Clock clock;

  /** What a run did; {@code failed} counts posts the broker did not take (each also reported on the progress stream). */
  public record Summary(long lines, long published, long deadLettered, long failed, Duration elapsed) {
    public double postsPerSecond() {
      return elapsed.isZero() ? 0 : published * 1000.0 / Math.max(1, elapsed.toMillis());
    }
  }

  public JsonlFileSource(CanonicalPostParser parser, PostSink sink, int maxLineBytes, PrintStream progress,
      Duration progressInterval, Clock clock) {
    this.parser = parser;
    this.sink = sink;
    this.maxLineBytes = maxLineBytes;
    this.progress = progress;
    this.progressInterval = progressInterval;
    this.clock = clock;
  }

  /**
   * Reads {@code in} to its end.
   *
   * @param name what the input is called in positions, e.g. the file name or {@code stdin}
   */
  public Summary read(InputStream in, String name) throws IOException {
    long start = clock.millis();
    long nextReport = start + progressInterval.toMillis();
    AtomicLong published = new AtomicLong();
    AtomicLong deadLettered = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    long lineNumber = 0;
    LineReader reader = new LineReader(new BufferedInputStream(in, 64 * 1024), maxLineBytes);
    Line line;
    while ((line = reader.next()) != null) {
      lineNumber++;
      String position = name + ":" + lineNumber;
      if (line.truncated()) {
        sink.deadLetter(line.bytes(), CONNECTOR, position,
                PostRejection.of(Code.TOO_LARGE, "line is longer than " + maxLineBytes + " bytes; only its start is kept"))
            .whenComplete((ok, error) -> count(ok, error, deadLettered, failed, firstFailure, position));
        continue;
      }
      String text = new String(line.bytes(), StandardCharsets.UTF_8);
      if (text.isBlank()) {
        continue;
      }
      ParseResult result = parser.parse(text, SourcePosition.newBuilder().setConnector(CONNECTOR).setPosition(position).build());
      if (result instanceof ParseResult.Parsed parsed) {
        sink.publish(parsed.post()).whenComplete((ok, error) -> count(ok, error, published, failed, firstFailure, position));
      } else if (result instanceof ParseResult.Rejected rejected) {
        PostRejection rejection = rejected.rejection();
        sink.deadLetter(line.bytes(), CONNECTOR, position, rejection)
            .whenComplete((ok, error) -> count(ok, error, deadLettered, failed, firstFailure, position));
      }
      long now = clock.millis();
      if (now >= nextReport) {
        report("progress", lineNumber, published.get(), deadLettered.get(), failed.get(), now - start);
        nextReport = now + progressInterval.toMillis();
      }
    }
    sink.flush();
    long elapsed = clock.millis() - start;
    report("done", lineNumber, published.get(), deadLettered.get(), failed.get(), elapsed);
    if (firstFailure.get() != null) {
      progress.println("ingest: " + failed.get() + " record(s) could not be written to Kafka; first: " + firstFailure.get());
    }
    return new Summary(lineNumber, published.get(), deadLettered.get(), failed.get(), Duration.ofMillis(elapsed));
  }

  private static void count(Void ok, Throwable error, AtomicLong success, AtomicLong failed,
      AtomicReference<String> firstFailure, String position) {
    if (error == null) {
      success.incrementAndGet();
    } else {
      failed.incrementAndGet();
      firstFailure.compareAndSet(null, position + ": " + error.getMessage());
    }
  }

  private void report(String what, long lines, long published, long deadLettered, long failed, long elapsedMs) {
    progress.printf("ingest %s: %d lines, %d published, %d dead-lettered, %d failed, %.0f posts/s%n",
        what, lines, published, deadLettered, failed, published * 1000.0 / Math.max(1, elapsedMs));
  }

  record Line(byte[] bytes, boolean truncated) {}

  /** Splits on '\n' (dropping a trailing '\r'); keeps at most {@code max} bytes of a line and skips the rest. */
  static final class LineReader {
    private final InputStream in;
    private final int max;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    LineReader(InputStream in, int max) {
      this.in = in;
      this.max = max;
    }

    Line next() throws IOException {
      buffer.reset();
      boolean truncated = false;
      boolean any = false;
      int b;
      while ((b = in.read()) != -1) {
        any = true;
        if (b == '\n') {
          break;
        }
        if (buffer.size() < max) {
          buffer.write(b);
        } else {
          truncated = true;
        }
      }
      if (!any) {
        return null;
      }
      byte[] bytes = buffer.toByteArray();
      if (!truncated && bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
        bytes = Arrays.copyOf(bytes, bytes.length - 1);
      }
      return new Line(bytes, truncated);
    }
  }
}
