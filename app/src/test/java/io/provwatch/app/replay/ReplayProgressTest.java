package io.provwatch.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {
  @Test
  void offATerminalEachPhaseStartsAndEndsWithOneLine() {
    StringWriter text = new StringWriter();
    ReplayProgress progress = new ReplayProgress(new PrintWriter(text), "replay r1", false);
    progress.reading(0, 10);
    progress.reading(5, 10);
    progress.reading(10, 10);
    progress.processing(0, 10, 0);
    progress.processing(4, 10, 1);
    progress.processing(10, 10, 3);
    progress.processing(10, 10, 3);
    assertThat(text.toString().lines()).containsExactly(
        "replay r1: reading posts: 0 of 10 offsets",
        "replay r1: reading posts: 10 of 10 offsets",
        "replay r1: scoring: 0 of 10 posts assessed, 0 alert records",
        "replay r1: scoring: 10 of 10 posts assessed, 3 alert records");
  }

  @Test
  void onATerminalTheLineIsRewrittenInPlace() {
    StringWriter text = new StringWriter();
    ReplayProgress progress = new ReplayProgress(new PrintWriter(text), "replay r1", true);
    progress.reading(10, 10);
    progress.processing(10, 10, 3);
    assertThat(text.toString()).isEqualTo("\rreplay r1: reading posts: 10 of 10 offsets\u001b[K\n"
        + "\rreplay r1: scoring: 10 of 10 posts assessed, 3 alert records\u001b[K");
  }
}
