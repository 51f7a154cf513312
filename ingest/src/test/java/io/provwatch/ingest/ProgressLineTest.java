package io.provwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.ingest.formats.PostFormat.Framing;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private final StringWriter text = new StringWriter();
  private final PrintWriter out = new PrintWriter(text);

  private static FormatSource.Summary summary(long lines, long posts, long rejected, long skipped, long failed, String firstFailure) {
    return new FormatSource.Summary("in.jsonl", Framing.JSON_LINES, lines, posts, posts - failed, rejected, rejected, skipped, failed,
        firstFailure, Duration.ofSeconds(2));
  }

  @Test
  void onATerminalTheLineIsRewrittenInPlaceAndEndsWithTheSummary() {
    ProgressLine progress = ProgressLine.forStderr(out, "bluesky-jetstream in.jsonl", true);
    progress.update(summary(1_000, 900, 10, 90, 0, null));
    progress.update(summary(2_000, 1_800, 20, 180, 0, null));
    assertThat(text.toString()).doesNotContain("\n")
        .startsWith("\ringest bluesky-jetstream in.jsonl: 1,000 lines, 900 posts (450/s), 10 rejected, 90 skipped\r")
        .endsWith("\ringest bluesky-jetstream in.jsonl: 2,000 lines, 1,800 posts (900/s), 20 rejected, 180 skipped");

    progress.done(summary(2_500, 2_000, 25, 475, 0, null));
    assertThat(text.toString()).endsWith("\ringest bluesky-jetstream in.jsonl done: 2,500 lines, 2,000 posts published, "
        + "25 rejected (25 dead-lettered), 475 skipped, 0 failed in 2.0 s (1,000 posts/s)" + System.lineSeparator());
    assertThat(progress.interval()).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void elsewhereEachReportIsALineAndFailuresAreNamed() {
    ProgressLine progress = ProgressLine.forStderr(out, "canonical stdin", false);
    progress.update(summary(10, 10, 0, 0, 0, null));
    progress.done(summary(20, 20, 0, 0, 3, "stdin:4: broker unreachable"));

    assertThat(text.toString().lines()).containsExactly(
        "ingest canonical stdin: 10 lines, 10 posts (5/s), 0 rejected, 0 skipped",
        "ingest canonical stdin done: 20 lines, 17 posts published, 0 rejected (0 dead-lettered), 0 skipped, 3 failed in 2.0 s (10 posts/s)",
        "ingest canonical stdin: 3 record(s) could not be written to Kafka; first: stdin:4: broker unreachable");
    assertThat(progress.interval()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aDocumentIsCountedAsOne() {
    ProgressLine progress = ProgressLine.forStderr(out, "feed feed.xml", false);
    progress.done(new FormatSource.Summary("feed.xml", Framing.DOCUMENT, 1, 3, 3, 1, 1, 0, 0, null, Duration.ofMillis(100)));
    assertThat(text.toString()).startsWith("ingest feed feed.xml done: 1 document, 3 posts published, 1 rejected (1 dead-lettered)");
  }
}
