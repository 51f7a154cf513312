package io.provwatch.app.bench;

import org.HdrHistogram.Histogram;

/**
 * Ingest-to-output latency of one phase. Send times are kept per post sequence number (posts of a
 * phase are numbered 0..n-1), so an output found by post id gives its latency without a map.
 */
final class LatencyRecorder {
  // 1 µs to 10 min at 3 significant digits
  private final Histogram histogram = new Histogram(1_000L, 600_000_000_000L, 3);
  private final long[] sentNanos;

  LatencyRecorder(int posts) {
    this.sentNanos = new long[posts];
  }

  void sent(int sequence, long nanos) {
    sentNanos[sequence] = nanos;
  }

  /** Records the latency of post {@code sequence} as seen at {@code nanos}; false if it was never sent. */
  boolean arrived(int sequence, long nanos) {
    if (sequence < 0 || sequence >= sentNanos.length || sentNanos[sequence] == 0) {
      return false;
    }
    histogram.recordValue(Math.max(1_000L, Math.min(nanos - sentNanos[sequence], histogram.getHighestTrackableValue())));
    return true;
  }

  long count() {
    return histogram.getTotalCount();
  }

  /** Latency at {@code percentile} in milliseconds, or NaN when nothing was recorded. */
  double millisAt(double percentile) {
    return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1e6;
  }

  double maxMillis() {
    return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1e6;
  }
}
