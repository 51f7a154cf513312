package io.provwatch.ingest.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The last {@code capacity} dedupe keys seen, the least recently seen dropped first. Thread-safe. */
final class RecentKeys {
  private final int capacity;
  private final LinkedHashMap<String, Boolean> keys;

  RecentKeys(int capacity, Collection<String> initial) {
    this.capacity = capacity;
    this.keys = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > RecentKeys.this.capacity;
      }
    };
    initial.forEach(this::add);
  }

  /** Whether the key was seen; seeing it again keeps it longer. */
  synchronized boolean contains(String key) {
    return keys.get(key) != null;
  }

  synchronized void add(String key) {
    keys.put(key, Boolean.TRUE);
  }

  synchronized int size() {
    return keys.size();
  }

  /** The keys, least recently seen first, as they are saved. */
  synchronized List<String> snapshot() {
    return new ArrayList<>(keys.keySet());
  }
}
