package io.provwatch.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dedupe memory of ingest: the last {@code capacity} keys seen, each with a value, the least
 * recently seen dropped first, and (when a retention is given) none seen longer ago than it. Seeing
 * a key again (any lookup that finds it) keeps it longer. Both bounds hold
 * whatever clients send, so memory stays within {@code capacity} entries. Thread-safe.
 *
 * @param <V> what is remembered with a key ({@code Boolean.TRUE} when only the key matters)
 */
public final class RecentKeys<V> {
  private final int capacity;
  private final long retentionMs;
  private final Clock clock;
  private final LinkedHashMap<String, Stamped<V>> keys;

  private record Stamped<V>(V value, long at) {}

  /** Bounded by count only (a live source's replay overlap), starting with {@code initial} (least recent first). */
  public RecentKeys(int capacity, Collection<String> initial) {
    this(capacity, null, Clock.systemUTC());
    initial.forEach(key -> put(key, null));
  }

  /**
   * @param retention how long a key is remembered after it was last put; null: until {@code capacity} pushes it out
   */
  public RecentKeys(int capacity, Duration retention, Clock clock) {
    this.capacity = capacity;
    this.retentionMs = retention == null ? Long.MAX_VALUE : retention.toMillis();
    this.clock = clock;
    // insertion order, every lookup re-inserting: the eldest is the longest unseen, so expiry stops at the first live entry
    this.keys = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Stamped<V>> eldest) {
        return size() > RecentKeys.this.capacity;
      }
    };
  }

  /** Whether the key was seen within the retention. */
  public synchronized boolean contains(String key) {
    return touch(key) != null;
  }

  /** The value put with the key, if it was seen within the retention; else null. */
  public synchronized V get(String key) {
    Stamped<V> stamped = touch(key);
    return stamped == null ? null : stamped.value();
  }

  private Stamped<V> touch(String key) {
    expire();
    Stamped<V> stamped = keys.remove(key);
    if (stamped != null) {
      keys.put(key, new Stamped<>(stamped.value(), clock.millis())); // most recent again, in time order
    }
    return stamped;
  }

  /** Remembers the key (again: it becomes the most recent) with its value. */
  public synchronized void put(String key, V value) {
    keys.remove(key);
    keys.put(key, new Stamped<>(value, clock.millis()));
    expire();
  }

  /** Remembers the key, without a value. */
  public void add(String key) {
    put(key, null);
  }

  public synchronized void remove(String key) {
    keys.remove(key);
  }

  public synchronized int size() {
    expire();
    return keys.size();
  }

  /** The keys, least recently put first, as a live source saves them. */
  public synchronized List<String> snapshot() {
    expire();
    return new ArrayList<>(keys.keySet());
  }

  private void expire() {
    if (retentionMs == Long.MAX_VALUE) {
      return;
    }
    long oldest = clock.millis() - retentionMs;
    for (Iterator<Stamped<V>> it = keys.values().iterator(); it.hasNext(); ) {
      if (it.next().at() >= oldest) {
        return;
      }
      it.remove();
    }
  }
}
