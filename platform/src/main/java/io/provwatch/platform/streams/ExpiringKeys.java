package io.provwatch.platform.streams;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The keys a step remembers, each with the time it was stored at (the timestamp of the record that
 * stored it), expired {@code retentionMs} after that by the step's {@link StepClock}. Two stores:
 * key -> stored time, and an index by time ({@link TimeOrderedKey} -> key), from which
 * {@link #forgetExpired} reads the expired keys only, so a cleanup costs what it deletes, not the
 * size of the store; one that can delete nothing reads nothing.
 */
public final class ExpiringKeys {
  private final KeyValueStore<String, Long> storedAt;
  private final KeyValueStore<String, String> byTime;
  private final StepClock clock;
  private final long retentionMs;
  /** No stored time is older than this: {@link Long#MIN_VALUE} until a cleanup has read the index (e.g. after a restart). */
  private long oldestAtLeast = Long.MIN_VALUE;

  public ExpiringKeys(KeyValueStore<String, Long> storedAt, KeyValueStore<String, String> byTime, StepClock clock, long retentionMs) {
    this.storedAt = storedAt;
    this.byTime = byTime;
    this.clock = clock;
    this.retentionMs = retentionMs;
  }

  /** Whether {@code key} is remembered: an expired key counts as gone whether or not a cleanup deleted it yet. */
  public boolean isLive(String key) {
    Long at = storedAt.get(key);
    return at != null && !clock.isExpired(at, retentionMs);
  }

  /** Remembers {@code key} as stored at {@code timeMs}, in place of an earlier time. */
  public void store(String key, long timeMs) {
    Long before = storedAt.get(key);
    if (before != null) {
      if (before == timeMs) {
        return;
      }
      byTime.delete(TimeOrderedKey.of(before, key));
    }
    storedAt.put(key, timeMs);
    byTime.put(TimeOrderedKey.of(timeMs, key), key);
    oldestAtLeast = Math.min(oldestAtLeast, timeMs);
  }

  /** Forgets {@code key} now, expired or not. */
  public void forget(String key) {
    Long at = storedAt.get(key);
    if (at != null) {
      byTime.delete(TimeOrderedKey.of(at, key));
      storedAt.delete(key);
    }
  }

  /** Deletes the keys the clock says are expired, oldest first, and returns them (the owner drops what it keeps under them). */
  public List<String> forgetExpired() {
    if (!clock.isExpired(oldestAtLeast, retentionMs)) {
      return List.of();
    }
    List<String> indexKeys = new ArrayList<>();
    long oldestKept = Long.MAX_VALUE;
    // oldest first, up to the first key still live: its time bounds what the next cleanup can find
    try (KeyValueIterator<String, String> entries = byTime.range(TimeOrderedKey.of(Long.MIN_VALUE, ""), null)) {
      while (entries.hasNext()) {
        String indexKey = entries.next().key;
        long timeMs = TimeOrderedKey.timeOf(indexKey);
        if (!clock.isExpired(timeMs, retentionMs)) {
          oldestKept = timeMs;
          break;
        }
        indexKeys.add(indexKey);
      }
    }
    oldestAtLeast = oldestKept;
    List<String> forgotten = new ArrayList<>();
    for (String indexKey : indexKeys) {
      byTime.delete(indexKey);
      String key = TimeOrderedKey.keyOf(indexKey);
      Long at = storedAt.get(key);
      if (at != null && at == TimeOrderedKey.timeOf(indexKey)) {
        storedAt.delete(key);
        forgotten.add(key);
      }
    }
    return forgotten;
  }
}
