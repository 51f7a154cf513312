package io.provwatch.app.replay;

import io.provwatch.avro.Alert;
import io.provwatch.avro.Assessment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a replay changed against the live alerts of the same range. Alerts are matched by alert id;
 * those left over are matched by (category, posts), because a new model or rule-set version can give
 * the same finding another id. Each change says why in words.
 */
final class AlertDiff {
  enum Kind { NEW, GONE, CHANGED }

  /** One difference; {@code live} or {@code replay} is null for a new or gone alert. */
  record Change(Kind kind, String alertId, String category, List<String> postIds, Alert live, Alert replay, List<String> reasons) {}

  private AlertDiff() {}

  /**
   * @param live latest live alert per alert id, for the posts of the range
   * @param replay latest replay alert per alert id
   * @param replayAssessments the replay's assessment per post id, to explain an alert that is gone
   */
  static List<Change> between(Map<String, Alert> live, Map<String, Alert> replay, Map<String, Assessment> replayAssessments) {
    List<Change> changes = new ArrayList<>();
    Map<String, Alert> unmatchedLive = new TreeMap<>(live);
    Map<String, Alert> unmatchedReplay = new TreeMap<>();
    for (Alert r : new TreeMap<>(replay).values()) {
      Alert l = unmatchedLive.remove(r.getAlertId());
      if (l == null) {
        unmatchedReplay.put(r.getAlertId(), r);
      } else {
        compare(l, r, List.of()).ifPresent(changes::add);
      }
    }
    Map<String, Alert> liveByFinding = new HashMap<>();
    unmatchedLive.values().forEach(l -> liveByFinding.put(finding(l), l));
    for (Alert r : unmatchedReplay.values()) {
      Alert l = liveByFinding.remove(finding(r));
      if (l != null) {
        unmatchedLive.remove(l.getAlertId());
        compare(l, r, List.of("alert id " + l.getAlertId() + " is now " + r.getAlertId() + " (model " + l.getLineage().getModelVersion()
            + " -> " + r.getLineage().getModelVersion() + ", rule set " + l.getLineage().getRuleSetVersion() + " -> "
            + r.getLineage().getRuleSetVersion() + ")")).ifPresent(changes::add);
      } else {
        List<String> reasons = new ArrayList<>();
        reasons.add(String.format(Locale.ROOT, "raised only by the replay: %s at risk %.4f; live raised no %s alert for %s",
            r.getSeverity(), r.getRisk(), r.getCategory(), String.join(", ", r.getPostIds())));
        r.getReasons().forEach(reason -> reasons.add("replay: " + reason));
        changes.add(new Change(Kind.NEW, r.getAlertId(), r.getCategory(), List.copyOf(r.getPostIds()), null, r, reasons));
      }
    }
    for (Alert l : unmatchedLive.values()) {
      List<String> reasons = new ArrayList<>();
      reasons.add(String.format(Locale.ROOT, "live raised %s at risk %.4f; the replay raised no %s alert for %s", l.getSeverity(),
          l.getRisk(), l.getCategory(), String.join(", ", l.getPostIds())));
      l.getReasons().forEach(reason -> reasons.add("live: " + reason));
      for (String postId : l.getPostIds()) {
        Assessment a = replayAssessments.get(postId);
        reasons.add(a == null ? "the replay did not assess " + postId
            : String.format(Locale.ROOT, "the replay assessed %s at risk %.4f", postId, a.getRisk()));
      }
      changes.add(new Change(Kind.GONE, l.getAlertId(), l.getCategory(), List.copyOf(l.getPostIds()), l, null, reasons));
    }
    changes.sort(Comparator.comparing(Change::kind).thenComparing(Change::alertId));
    return changes;
  }

  private static String finding(Alert alert) {
    return alert.getCategory() + "|" + String.join(",", alert.getPostIds().stream().sorted().toList());
  }

  private static java.util.Optional<Change> compare(Alert l, Alert r, List<String> first) {
    List<String> reasons = new ArrayList<>(first);
    if (l.getSeverity() != r.getSeverity()) {
      reasons.add("severity " + l.getSeverity() + " -> " + r.getSeverity());
    }
    if (Double.compare(l.getRisk(), r.getRisk()) != 0) {
      reasons.add(String.format(Locale.ROOT, "risk %.4f -> %.4f", l.getRisk(), r.getRisk()));
    }
    if (!l.getCategory().equals(r.getCategory())) {
      reasons.add("category " + l.getCategory() + " -> " + r.getCategory());
    }
    if (!Set.copyOf(l.getPostIds()).equals(Set.copyOf(r.getPostIds()))) {
      reasons.add("posts " + l.getPostIds() + " -> " + r.getPostIds());
    }
    Set<String> added = new LinkedHashSet<>(r.getReasons());
    added.removeAll(l.getReasons());
    Set<String> removed = new LinkedHashSet<>(l.getReasons());
    removed.removeAll(r.getReasons());
    added.forEach(reason -> reasons.add("new reason: " + reason));
    removed.forEach(reason -> reasons.add("reason no longer given: " + reason));
    if (reasons.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Change(Kind.CHANGED, r.getAlertId(), r.getCategory(), List.copyOf(r.getPostIds()), l, r, reasons));
  }
}
