package io.provwatch.scoring;

import io.provwatch.platform.streams.TimeOrderedKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The keys a step remembers, each with the event time it was stored at (the timestamp of the record
 * that stored it), expired {@code retentionMs} after that by the step's {@link StepClock}. Two stores:
 * key -> stored time, and an index by time ({@link TimeOrderedKey} -> key), from which
 * {@link #forgetExpired} reads the expired keys only, so a cleanup costs what it deletes, not the
 * size of the store.
 */
final class ExpiringKeys {
  private final KeyValueStore<String, Long> storedAt;
  private final KeyValueStore<String, String> byTime;
  private final StepClock clock;
  private final long retentionMs;

  ExpiringKeys(KeyValueStore<String, Long> storedAt, KeyValueStore<String, String> byTime, StepClock clock, long retentionMs) {
    this.storedAt = storedAt;
    this.byTime = byTime;
    this.clock = clock;
    this.retentionMs = retentionMs;
  }

  /** Whether {@code key} is remembered: an expired key counts as gone whether or not a cleanup deleted it yet. */
  boolean isLive(String key) {
    Long at = storedAt.get(key);
    return at != null && !clock.isExpired(at, retentionMs);
  }

  /** Remembers {@code key} as stored at {@code timeMs}, in place of an earlier time. */
  void store(String key, long timeMs) {
    Long before = storedAt.get(key);
    if (before != null) {
      if (before == timeMs) {
        return;
      }
      byTime.delete(TimeOrderedKey.of(before, key));
    }
    storedAt.put(key, timeMs);
    byTime.put(TimeOrderedKey.of(timeMs, key), key);
  }

  /** Deletes the keys the clock says are expired, oldest first, and returns them (the owner drops what it keeps under them). */
  List<String> forgetExpired() {
    if (clock.now() == Long.MIN_VALUE) {
      return List.of();
    }
    List<String> indexKeys = new ArrayList<>();
    // a range up to the key of time t with no key holds the times before t: those older than now - retention
    try (KeyValueIterator<String, String> entries =
        byTime.range(TimeOrderedKey.of(Long.MIN_VALUE, ""), TimeOrderedKey.of(clock.now() - retentionMs, ""))) {
      while (entries.hasNext()) {
        String indexKey = entries.next().key;
        if (clock.isExpired(TimeOrderedKey.timeOf(indexKey), retentionMs)) {
          indexKeys.add(indexKey);
        }
      }
    }
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
