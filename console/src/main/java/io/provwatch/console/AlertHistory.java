package io.provwatch.console;

import io.provwatch.avro.Alert;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The most recent alerts as the {@code alerts} topic has them, every revision of each, in memory:
 * what the live list starts from and the alert page shows. The alert least recently changed goes
 * first when there are more than {@code maxAlerts}.
 */
final class AlertHistory {
  private final int maxAlerts;
  private final Map<String, List<Alert>> revisionsById = new LinkedHashMap<>();
  private final List<Consumer<Alert>> listeners = new ArrayList<>();

  AlertHistory(int maxAlerts) {
    this.maxAlerts = maxAlerts;
  }

  /** Adds an alert change (a revision already held, e.g. read again after a restart, is ignored) and tells the listeners. */
  synchronized void add(Alert change) {
    List<Alert> revisions = revisionsById.remove(change.getAlertId());
    if (revisions == null) {
      revisions = new ArrayList<>();
    }
    boolean known = revisions.stream().anyMatch(r -> r.getRevision() == change.getRevision());
    if (!known) {
      revisions.add(change);
    }
    revisionsById.put(change.getAlertId(), revisions); // re-inserted: the most recently changed is last
    for (Iterator<String> eldest = revisionsById.keySet().iterator(); revisionsById.size() > maxAlerts; ) {
      eldest.next();
      eldest.remove();
    }
    if (!known) {
      // under the lock, so that a listener added by snapshotAndListen misses no change and sees none twice
      listeners.forEach(listener -> listener.accept(change));
    }
  }

  /** The latest revision of each alert, most recently changed first. */
  synchronized List<Alert> latest() {
    List<Alert> latest = new ArrayList<>(revisionsById.size());
    revisionsById.values().forEach(revisions -> latest.add(revisions.get(revisions.size() - 1)));
    Collections.reverse(latest);
    return latest;
  }

  /** Every revision of one alert, oldest first. */
  synchronized Optional<List<Alert>> revisions(String alertId) {
    return Optional.ofNullable(revisionsById.get(alertId)).map(List::copyOf);
  }

  /** {@link #latest()} now, and every change after it to {@code listener}, with nothing lost in between. */
  synchronized List<Alert> snapshotAndListen(Consumer<Alert> listener) {
    listeners.add(listener);
    return latest();
  }

  synchronized void stopListening(Consumer<Alert> listener) {
    listeners.remove(listener);
  }
}
