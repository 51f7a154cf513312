package io.provwatch.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void waitsDoubleUpToTheMaximumWithinTheirJitterBoundsAndStartOverAfterAReset() {
    Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0);
    Backoff high = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999999);
    long[] lows = new long[7];
    long[] highs = new long[7];
    for (int i = 0; i < 7; i++) {
      lows[i] = low.next().toMillis();
      highs[i] = high.next().toMillis();
    }
    assertThat(lows).containsExactly(50, 100, 200, 400, 500, 500, 500);
    assertThat(highs).containsExactly(100, 200, 400, 800, 1000, 1000, 1000);
    assertThat(low.failuresInARow()).isEqualTo(7);
    low.reset();
    assertThat(low.next()).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void manyFailuresInARowNeitherOverflowNorExceedTheMaximum() {
    Backoff backoff = new Backoff(Duration.ofMillis(3), Duration.ofMinutes(5), () -> 0.999999);
    Duration last = Duration.ZERO;
    for (int i = 0; i < 200; i++) {
      last = backoff.next();
      assertThat(last).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
    }
    assertThat(last).isEqualTo(Duration.ofMinutes(5));
  }
}
