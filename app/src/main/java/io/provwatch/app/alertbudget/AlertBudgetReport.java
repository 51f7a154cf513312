package io.provwatch.app.alertbudget;

import io.provwatch.app.alertbudget.EvalPost.Role;
import io.provwatch.avro.Alert;
import io.provwatch.avro.AlertStatus;
import io.provwatch.avro.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a run's alerts say about its posts. A post is alerted when an alert lists it (it opened the alert
 * or joined it); an alert is counted for the post that opened it, at the highest severity it reached.
 *
 * @param ordinaryPosts ordinary posts fed
 * @param ordinaryAlerted of them, those listed by an alert
 * @param alertsOpenedByOrdinary alerts whose opening post is ordinary, by severity
 * @param alertsPer10kOrdinary the same per 10,000 ordinary posts
 * @param ordinaryAlertedByCategory ordinary alerted posts by the category of their alert
 * @param groups every group of posts: how many, how many alerted (recall for cases that must alert)
 */
public record AlertBudgetReport(int ordinaryPosts, int ordinaryAlerted, Map<Severity, Integer> alertsOpenedByOrdinary,
    Map<Severity, Double> alertsPer10kOrdinary, Map<String, Integer> ordinaryAlertedByCategory, List<Group> groups, Map<String, String> settings) {

  /** Most ids of missed must-alert posts listed per group, to look them up (explain API, assessments). */
  static final int MISSED_LISTED = 10;

  /**
   * One group of posts; for must-alert groups {@code alerted / posts} is the recall, and {@code missed}
   * lists the first posts that no alert lists.
   */
  public record Group(String name, Role role, int posts, int alerted, double share, Map<String, Integer> byCategory, List<String> missed) {}

  public double ordinaryAlertRate() {
    return ordinaryPosts == 0 ? 0.0 : (double) ordinaryAlerted / ordinaryPosts;
  }

  /** The figures of {@code posts} given every alert change of their run, and the settings that ran them. */
  public static AlertBudgetReport of(List<EvalPost> posts, List<Alert> changes, Map<String, String> settings) {
    Map<String, Alert> latest = new HashMap<>();
    Map<String, String> openedBy = new HashMap<>();
    Map<String, Set<String>> alertsOfPost = new HashMap<>();
    for (Alert change : changes) {
      latest.merge(change.getAlertId(), change, (a, b) -> b.getSeverity().compareTo(a.getSeverity()) >= 0 ? b : a);
      if (change.getStatus() == AlertStatus.OPENED && !change.getPostIds().isEmpty()) {
        openedBy.putIfAbsent(change.getAlertId(), change.getPostIds().get(0));
      }
      for (String post : change.getPostIds()) {
        alertsOfPost.computeIfAbsent(post, k -> new HashSet<>()).add(change.getAlertId());
      }
    }
    Map<String, Role> roleOf = new HashMap<>();
    Map<String, List<EvalPost>> byGroup = new LinkedHashMap<>();
    for (EvalPost p : posts) {
      roleOf.put(p.post().getId(), p.role());
      byGroup.computeIfAbsent(p.group(), k -> new ArrayList<>()).add(p);
    }
    List<Group> groups = new ArrayList<>();
    int ordinary = 0;
    int ordinaryAlerted = 0;
    Map<String, Integer> ordinaryByCategory = new TreeMap<>();
    for (Map.Entry<String, List<EvalPost>> group : byGroup.entrySet()) {
      Map<String, Integer> byCategory = new TreeMap<>();
      List<String> missed = new ArrayList<>();
      Role role = group.getValue().get(0).role();
      int alerted = 0;
      for (EvalPost p : group.getValue()) {
        Set<String> alerts = alertsOfPost.getOrDefault(p.post().getId(), Set.of());
        if (!alerts.isEmpty()) {
          alerted++;
          alerts.stream().map(id -> latest.get(id).getCategory()).distinct().forEach(c -> byCategory.merge(c, 1, Integer::sum));
        } else if (role == Role.MUST_ALERT && missed.size() < MISSED_LISTED) {
          missed.add(p.post().getId());
        }
      }
      if (role == Role.ORDINARY) {
        ordinary += group.getValue().size();
        ordinaryAlerted += alerted;
        byCategory.forEach((c, n) -> ordinaryByCategory.merge(c, n, Integer::sum));
      }
      groups.add(new Group(group.getKey(), role, group.getValue().size(), alerted, (double) alerted / group.getValue().size(), byCategory,
          missed));
    }
    Map<Severity, Integer> opened = new EnumMap<>(Severity.class);
    openedBy.forEach((alertId, post) -> {
      if (roleOf.get(post) == Role.ORDINARY) {
        opened.merge(latest.get(alertId).getSeverity(), 1, Integer::sum);
      }
    });
    Map<Severity, Double> per10k = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      per10k.put(s, ordinary == 0 ? 0.0 : opened.getOrDefault(s, 0) * 10_000.0 / ordinary);
    }
    return new AlertBudgetReport(ordinary, ordinaryAlerted, opened, per10k, ordinaryByCategory, groups, settings);
  }

  /** The report as text lines for people. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "ordinary posts: %,d, alerted %,d = %.1f%%", ordinaryPosts, ordinaryAlerted, 100 * ordinaryAlertRate()));
    List<String> volume = new ArrayList<>();
    for (Severity s : Severity.values()) {
      volume.add(String.format(Locale.ROOT, "%s %.0f", s.name().toLowerCase(Locale.ROOT), alertsPer10kOrdinary.get(s)));
    }
    int openedTotal = alertsOpenedByOrdinary.values().stream().mapToInt(Integer::intValue).sum();
    lines.add(String.format(Locale.ROOT, "alerts opened by ordinary posts: %,d; per 10,000 ordinary posts: %s", openedTotal, String.join(", ", volume)));
    if (!ordinaryAlertedByCategory.isEmpty()) {
      lines.add("ordinary alerted posts by alert category: " + ordinaryAlertedByCategory);
    }
    lines.add(String.format(Locale.ROOT, "%-72s %6s %8s %7s  %s", "group", "posts", "alerted", "share", "alert categories"));
    for (Group g : groups) {
      lines.add(String.format(Locale.ROOT, "%-72s %,6d %,8d %6.1f%%  %s", g.name(), g.posts(), g.alerted(), 100 * g.share(),
          g.byCategory().isEmpty() ? "" : g.byCategory().toString()));
    }
    for (Group g : groups) {
      if (!g.missed().isEmpty()) {
        lines.add("missed (" + g.name() + "): " + String.join(" ", g.missed()) + (g.posts() - g.alerted() > g.missed().size() ? " ..." : ""));
      }
    }
    return lines;
  }
}
