package io.provwatch.ingest;

import io.provwatch.ingest.formats.PostFormat;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows how a {@link FormatSource} read goes, for people: on a terminal one line rewritten in place
 * ({@code \r}) a few times a second; elsewhere (a log, a pipe) a new line every few seconds. Then one
 * summary line, and the first write Kafka refused, if any.
 */
public final class ProgressLine implements FormatSource.Progress {
  private final PrintWriter out;
  private final String label;
  private final boolean inPlace;
  private final Duration interval;
  private int shown;

  /**
   * @param label what is read, e.g. {@code bluesky-jetstream jetstream.jsonl}
   * @param inPlace rewrite one line (a terminal) rather than add lines
   */
  public ProgressLine(PrintWriter out, String label, boolean inPlace, Duration interval) {
    this.out = out;
    this.label = label;
    this.inPlace = inPlace;
    this.interval = interval;
  }

  /** In place every 250 ms on a terminal, a line every 5 s elsewhere. */
  public static ProgressLine forStderr(PrintWriter err, String label, boolean terminal) {
    return new ProgressLine(err, label, terminal, terminal ? Duration.ofMillis(250) : Duration.ofSeconds(5));
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public void update(FormatSource.Summary sofar) {
    String line = String.format(Locale.ROOT, "ingest %s: %,d %s, %,d posts (%,.0f/s), %,d rejected, %,d skipped%s",
        label, sofar.payloads(), unit(sofar), sofar.posts(), sofar.postsPerSecond(), sofar.rejected(), sofar.skipped(),
        sofar.failed() == 0 ? "" : String.format(Locale.ROOT, ", %,d failed", sofar.failed()));
    if (inPlace) {
      out.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
      shown = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  @Override
  public void done(FormatSource.Summary total) {
    String line = String.format(Locale.ROOT,
        "ingest %s done: %,d %s, %,d posts published, %,d rejected (%,d dead-lettered), %,d skipped, %,d failed in %.1f s (%,.0f posts/s)",
        label, total.payloads(), unit(total), total.published(), total.rejected(), total.deadLettered(), total.skipped(), total.failed(),
        total.elapsed().toMillis() / 1000.0, total.postsPerSecond());
    if (inPlace) {
      out.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())) + System.lineSeparator());
      shown = 0;
    } else {
      out.println(line);
    }
    if (total.firstFailure() != null) {
      out.println("ingest " + label + ": " + total.failed() + " record(s) could not be written to Kafka; first: " + total.firstFailure());
    }
    out.flush();
  }

  private static String unit(FormatSource.Summary summary) {
    boolean one = summary.payloads() == 1;
    return summary.framing() == PostFormat.Framing.JSON_LINES ? (one ? "line" : "lines") : (one ? "document" : "documents");
  }
}
