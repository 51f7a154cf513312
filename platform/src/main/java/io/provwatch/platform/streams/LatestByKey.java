package io.provwatch.platform.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The latest value of each key, kept for a retention by a step's {@link StepClock}, in one segmented
 * window store: a value is stored at the clock's time, so the entry with the greatest time is the latest,
 * and a lookup reads only entries within the retention of the clock. Expiry costs nothing per key: the
 * store drops whole segments once the clock has passed them (and the changelog, a compacted and
 * time-retained topic, forgets them the same way), so a key costs one changelog record when stored and
 * none when it expires. The key-value store plus time index this replaces wrote three records per key
 * stored and three more when it expired.
 *
 * <p>Readers on other threads (interactive queries) use {@link #latest(ReadOnlyWindowStore, String)}:
 * the store itself hides entries older than the retention behind the newest entry it holds, which is
 * the clock's time of the last value stored.
 */
public final class LatestByKey<V> {
  private final WindowStore<String, V> store;
  private final StepClock clock;
  private final long retentionMs;

  public LatestByKey(WindowStore<String, V> store, StepClock clock, long retentionMs) {
    this.store = store;
    this.clock = clock;
    this.retentionMs = retentionMs;
  }

  /**
   * A store for {@code retentionMs}: windows of 1 ms (an entry is a point in time), no duplicates (a
   * second value stored at the same clock time replaces the first).
   */
  public static <V> StoreBuilder<WindowStore<String, V>> storeBuilder(String name, long retentionMs, Serde<V> values) {
    // one more millisecond than the retention: the store keeps what the clock keeps, an entry exactly retentionMs old
    return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, Duration.ofMillis(retentionMs + 1), Duration.ofMillis(1), false),
        Serdes.String(), values);
  }

  /** The latest value stored under {@code key} within the retention, or null. */
  public V get(String key) {
    try (WindowStoreIterator<V> entries = store.backwardFetch(key, oldestLive(), Long.MAX_VALUE)) {
      return entries.hasNext() ? entries.next().value : null;
    }
  }

  /** Whether a value is stored under {@code key} within the retention. */
  public boolean contains(String key) {
    return get(key) != null;
  }

  /** Stores {@code value} as the latest of {@code key}, at the clock's time. */
  public void put(String key, V value) {
    store.put(key, value, now());
  }

  /** Forgets {@code key}: every entry it has within the retention. */
  public void delete(String key) {
    try (WindowStoreIterator<V> entries = store.fetch(key, oldestLive(), Long.MAX_VALUE)) {
      while (entries.hasNext()) {
        store.put(key, null, entries.next().key);
      }
    }
  }

  /** The latest value of {@code key} in a queried store, or null: the store hides what is older than its retention. */
  public static <V> V latest(ReadOnlyWindowStore<String, V> store, String key) {
    try (WindowStoreIterator<V> entries = store.backwardFetch(key, Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE))) {
      return entries.hasNext() ? entries.next().value : null;
    }
  }

  /** Every key with its latest value in a store (tests and tools; reads the whole store). */
  public static <V> Map<String, V> snapshot(ReadOnlyWindowStore<String, V> store) {
    Map<String, V> latest = new TreeMap<>();
    try (KeyValueIterator<Windowed<String>, V> all = store.fetchAll(Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE))) {
      while (all.hasNext()) {
        KeyValue<Windowed<String>, V> entry = all.next();
        // a key's entries come in time order (segments oldest first, then by key and time): the last is the latest
        latest.put(entry.key.key(), entry.value);
      }
    }
    return latest;
  }

  private long now() {
    return Math.max(0, clock.now());
  }

  private long oldestLive() {
    return Math.max(0, clock.now() - retentionMs);
  }
}
