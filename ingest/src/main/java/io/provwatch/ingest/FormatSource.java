package io.provwatch.ingest;

import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.PostRejection.Code;
import io.provwatch.ingest.formats.PostFormat;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads one input (a file, stdin, an HTTP body) in a {@link PostFormat}: cuts it into payloads by the
 * format's {@link PostFormat.Framing framing}, parses each, publishes the posts, dead-letters the
 * rejections with the input's name, position and reason, and counts the skips (likes, deletions: not
 * dead-lettered). Reads are bounded: a line of a line format, or a whole document, longer than the
 * limit is dead-lettered as {@code TOO_LARGE} with its start, and reading goes on after it.
 *
 * <p>Positions: {@code <name>:<line>} for line formats, {@code <name>} for documents; a dead letter of a
 * payload that held several items adds {@code #item[i]} (the i-th result of the payload).
 */
public final class FormatSource {
  /** Longest line of a line format by default. */
  public static final int DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
  /** Largest document (feed, timeline page, CSV file) by default. */
  public static final int DEFAULT_MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
  /** Dead letters keep at most this much of an oversized or many-item payload: a record must stay well under Kafka's 1 MiB. */
  static final int DEAD_LETTER_KEEP_BYTES = 64 * 1024;

  private final PostFormat format;
  private final PostSink sink;
  private final String connector;
  private final int maxPayloadBytes;
  private final Progress progress;
  private final Clock clock;

  /** Told how a read goes, at most every {@link #interval()} while it runs, and once at its end. */
  public interface Progress {
    Progress NONE = new Progress() {
      @Override
      public void update(Summary sofar) {}

      @Override
      public void done(Summary total) {}
    };

    default Duration interval() {
      return Duration.ofSeconds(5);
    }

    void update(Summary sofar);

    void done(Summary total);
  }

  /**
   * What a read did, or has done so far.
   *
   * @param payloads lines read (blank ones too) for line formats; 1 for a document
   * @param posts posts parsed and handed to Kafka
   * @param published posts Kafka acknowledged
   * @param rejected payloads or items rejected (each handed to {@code posts.dlq})
   * @param deadLettered rejections Kafka acknowledged
   * @param skipped well-formed items that are no post (likes, deletions, profiles), counted only
   * @param failed writes Kafka did not take (posts or dead letters); {@code firstFailure} says which and why
   */
  public record Summary(String input, PostFormat.Framing framing, long payloads, long posts, long published, long rejected,
      long deadLettered, long skipped, long failed, String firstFailure, Duration elapsed) {
    /** Posts parsed per second of the read. */
    public double postsPerSecond() {
      return posts * 1000.0 / Math.max(1, elapsed.toMillis());
    }
  }

  /**
   * @param connector the name in posts' {@code source.connector} and in dead letters, e.g. {@code bluesky-jetstream:file}
   * @param maxPayloadBytes the longest line of a line format, or the largest document
   */
  public FormatSource(PostFormat format, PostSink sink, String connector, int maxPayloadBytes, Progress progress, Clock clock) {
    if (maxPayloadBytes <= 0) {
      throw new IllegalArgumentException("the payload limit must be positive, got " + maxPayloadBytes);
    }
    this.format = format;
    this.sink = sink;
    this.connector = connector;
    this.maxPayloadBytes = maxPayloadBytes;
    this.progress = progress;
    this.clock = clock;
  }

  /** The default limit for a format: {@link #DEFAULT_MAX_LINE_BYTES} or {@link #DEFAULT_MAX_DOCUMENT_BYTES}. */
  public static int defaultMaxPayloadBytes(PostFormat.Framing framing) {
    return framing == PostFormat.Framing.JSON_LINES ? DEFAULT_MAX_LINE_BYTES : DEFAULT_MAX_DOCUMENT_BYTES;
  }

  /**
   * Reads {@code in} to its end and waits until Kafka has everything. A read error stops the read:
   * what was read before it is still written and reported, then the error is thrown.
   *
   * @param name what the input is called in positions: a file name, {@code stdin}, a url
   */
  public Summary read(InputStream in, String name) throws IOException {
    Run run = new Run(name);
    Summary summary;
    try {
      if (format.framing() == PostFormat.Framing.JSON_LINES) {
        readLines(in, run);
      } else {
        readDocument(in, run);
      }
    } finally {
      sink.flush();
      summary = run.summary();
      progress.done(summary);
    }
    return summary;
  }

  private void readLines(InputStream in, Run run) throws IOException {
    BoundedLineReader reader = new BoundedLineReader(in, maxPayloadBytes);
    BoundedLineReader.Line line;
    while ((line = reader.next()) != null) {
      run.payloads++;
      String position = run.name + ":" + run.payloads;
      if (line.truncated()) {
        run.deadLetter(line.bytes(), position, PostRejection.of(Code.TOO_LARGE,
            "line is longer than " + maxPayloadBytes + " bytes; only its first " + line.bytes().length + " bytes are kept"));
      } else if (!isBlank(line.bytes())) {
        run.handle(line.bytes(), position);
      }
      run.maybeReport();
    }
  }

  private void readDocument(InputStream in, Run run) throws IOException {
    byte[] document = in.readNBytes(maxPayloadBytes);
    run.payloads++;
    if (in.read() != -1) {
      run.deadLetter(Arrays.copyOf(document, Math.min(document.length, DEAD_LETTER_KEEP_BYTES)), run.name, PostRejection.of(Code.TOO_LARGE,
          "input is larger than " + maxPayloadBytes + " bytes; only its first " + Math.min(document.length, DEAD_LETTER_KEEP_BYTES) + " bytes are kept"));
      return;
    }
    run.handle(document, run.name);
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  /** The counters of one read; async completions of the sink update the atomic ones. */
  private final class Run {
    final String name;
    final long start = clock.millis();
    long nextReport = start + progress.interval().toMillis();
    long payloads;
    long posts;
    long rejected;
    long skipped;
    final AtomicLong published = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicReference<String> firstFailure = new AtomicReference<>();

    Run(String name) {
      this.name = name;
    }

    void handle(byte[] payload, String position) {
      List<ParseResult> results = format.parse(payload, SourcePosition.newBuilder().setConnector(connector).setPosition(position).build());
      for (int i = 0; i < results.size(); i++) {
        ParseResult result = results.get(i);
        if (result instanceof ParseResult.Parsed parsed) {
          posts++;
          count(write(() -> sink.publish(parsed.post())), published, parsed.post().getSource().getPosition());
        } else if (result instanceof ParseResult.Rejected rejection) {
          deadLetter(payload, results.size() == 1 ? position : position + "#item[" + i + "]", rejection.rejection());
        } else {
          skipped++;
        }
      }
    }

    /** Keeps at most {@link #DEAD_LETTER_KEEP_BYTES} of a payload, saying so in the message when it cuts. */
    void deadLetter(byte[] payload, String position, PostRejection rejection) {
      rejected++;
      byte[] raw = payload;
      PostRejection reason = rejection;
      if (payload.length > DEAD_LETTER_KEEP_BYTES && rejection.code() != Code.TOO_LARGE) {
        raw = Arrays.copyOf(payload, DEAD_LETTER_KEEP_BYTES);
        reason = PostRejection.of(rejection.code(), rejection.message() + " (the payload has " + payload.length
            + " bytes; its first " + DEAD_LETTER_KEEP_BYTES + " are kept)");
      }
      byte[] kept = raw;
      PostRejection why = reason;
      count(write(() -> sink.deadLetter(kept, connector, position, why)), deadLettered, position);
    }

    private CompletableFuture<Void> write(java.util.function.Supplier<CompletableFuture<Void>> send) {
      try {
        return send.get();
      } catch (RuntimeException e) { // a sink that throws instead of failing its future: the same to us
        return CompletableFuture.failedFuture(e);
      }
    }

    private void count(CompletableFuture<Void> write, AtomicLong success, String position) {
      write.whenComplete((ok, error) -> {
        if (error == null) {
          success.incrementAndGet();
        } else {
          failed.incrementAndGet();
          firstFailure.compareAndSet(null, position + ": " + error.getMessage());
        }
      });
    }

    void maybeReport() {
      long now = clock.millis();
      if (now >= nextReport) {
        progress.update(summary());
        nextReport = now + progress.interval().toMillis();
      }
    }

    Summary summary() {
      return new Summary(name, format.framing(), payloads, posts, published.get(), rejected, deadLettered.get(), skipped, failed.get(),
          firstFailure.get(), Duration.ofMillis(clock.millis() - start));
    }
  }
}
