package io.provwatch.ingest.live;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th wait in a row is drawn from [d/2, d] with
 * d = min(max, initial * 2^n), so clients that lost the same server do not come back in step.
 */
final class Backoff {
  private final long initialMs;
  private final long maxMs;
  private final DoubleSupplier random;
  private int failures;

  /** @param random uniform in [0, 1) */
  Backoff(Duration initial, Duration max, DoubleSupplier random) {
    this.initialMs = Math.max(1, initial.toMillis());
    this.maxMs = Math.max(initialMs, max.toMillis());
    this.random = random;
  }

  /** The wait before the next attempt; each call counts one more failure in a row. */
  Duration next() {
    long ceiling = failures >= 63 || initialMs > (maxMs >> failures) ? maxMs : initialMs << failures;
    failures++;
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half + 1)));
  }

  /** After an attempt that worked: the next wait starts small again. */
  void reset() {
    failures = 0;
  }

  int failuresInARow() {
    return failures;
  }
}
