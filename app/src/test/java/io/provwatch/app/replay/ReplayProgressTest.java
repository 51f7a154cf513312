package io.provwatch.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {
  private static ReplayAccounting accounting(int posts) {
    String[] ids = new String[posts];
    for (int i = 0; i < posts; i++) {
      ids[i] = "x:" + i;
    }
    return ReplayAccountingTest.of(ids);
  }

  @Test
  void offATerminalEachPhaseStartsAndEndsWithOneLine() {
    StringWriter text = new StringWriter();
    ReplayProgress progress = new ReplayProgress(new PrintWriter(text), "replay r1", false);
    ReplayAccounting accounting = accounting(10);
    progress.reading(0, 10);
    progress.reading(5, 10);
    progress.reading(10, 10);
    progress.copying(10, 10);
    progress.processing(accounting, 0, 0);
    for (int i = 0; i < 9; i++) {
      accounting.assessed("x:" + i);
    }
    progress.processing(accounting, 1, 3000);
    accounting.deadLettered("x:9", "DESERIALIZATION");
    progress.processing(accounting, 3, 5000);
    progress.processing(accounting, 3, 5000);
    assertThat(text.toString().lines()).containsExactly(
        "replay r1: reading posts: 0 of 10 offsets",
        "replay r1: reading posts: 10 of 10 offsets",
        "replay r1: copying posts: 10 of 10",
        "replay r1: scoring: 0 of 10 posts assessed, 0 dead-lettered, 0 alert records",
        "replay r1: scoring: 9 of 10 posts assessed, 1 dead-lettered, 3 alert records, 2 posts/s");
  }

  @Test
  void offATerminalALongPhasePrintsAtMostALineEveryFewSeconds() throws InterruptedException {
    StringWriter text = new StringWriter();
    ReplayProgress progress = new ReplayProgress(new PrintWriter(text), "replay r1", false);
    progress.reading(0, 1_000);
    progress.reading(1, 1_000);
    assertThat(text.toString().lines()).as("the second call came too soon").hasSize(1);
    Thread.sleep(ReplayProgress.LOG_EVERY_SECONDS * 1000 + 100);
    progress.reading(2, 1_000);
    assertThat(text.toString().lines()).containsExactly("replay r1: reading posts: 0 of 1,000 offsets", "replay r1: reading posts: 2 of 1,000 offsets");
  }

  @Test
  void theRateAndTimeLeftComeFromPostsAccountedSoFar() {
    assertThat(ReplayProgress.rateAndTimeLeft(0, 100, 1000)).isEmpty();
    assertThat(ReplayProgress.rateAndTimeLeft(1_000, 35_125, 2_000)).isEqualTo(", 500 posts/s, about 68 s left");
    assertThat(ReplayProgress.rateAndTimeLeft(1_000, 1_000_000, 1_000)).isEqualTo(", 1,000 posts/s, about 17 min left");
  }

  @Test
  void onATerminalTheLineIsRewrittenInPlace() {
    StringWriter text = new StringWriter();
    ReplayProgress progress = new ReplayProgress(new PrintWriter(text), "replay r1", true);
    progress.reading(10, 10);
    progress.processing(accounting(10), 3, 0);
    assertThat(text.toString()).isEqualTo("\rreplay r1: reading posts: 10 of 10 offsets\u001b[K\n"
        + "\rreplay r1: scoring: 0 of 10 posts assessed, 0 dead-lettered, 3 alert records\u001b[K");
  }
}
