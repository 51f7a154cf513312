package io.provwatch.platform.streams;

/**
 * The time one processor has seen: the largest record timestamp it processed. A task that
 * reads several topics (its own repartition outputs among them) has a stream time that depends on
 * how their fetches interleave, so state that expires by stream time would expire at different
 * points in two runs over the same input. A step that reads one ordered stream of its own has a
 * clock that does not: state older than {@link #isExpired} says is treated as gone at lookup,
 * whether or not a punctuation has deleted it yet, and a replay expires the same entries at the
 * same records. Held in memory: after a restart nothing expires until the step has seen a record.
 */
public final class StepClock {
  private long now = Long.MIN_VALUE;

  /** Moves the clock to {@code timestampMs} if that is later; returns the clock. */
  public long advance(long timestampMs) {
    if (timestampMs > now) {
      now = timestampMs;
    }
    return now;
  }

  /** The largest timestamp seen, or {@link Long#MIN_VALUE} before the first record. */
  public long now() {
    return now;
  }

  /** Whether something last seen at {@code lastSeenMs} is older than {@code retentionMs} by this clock. */
  public boolean isExpired(long lastSeenMs, long retentionMs) {
    return now != Long.MIN_VALUE && lastSeenMs < now - retentionMs;
  }
}
