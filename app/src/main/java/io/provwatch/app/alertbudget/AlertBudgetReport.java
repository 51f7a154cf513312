package io.provwatch.app.alertbudget;

import io.provwatch.app.alertbudget.EvalPost.Role;
import io.provwatch.avro.Alert;
import io.provwatch.avro.AlertStatus;
import io.provwatch.avro.Severity;
import io.provwatch.scoring.coordination.PairCounter;
import io.provwatch.sink.AlertCategories;
import io.provwatch.sink.CampaignAlerts;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a run's alerts say about its posts. A post is alerted when an alert lists it (it opened the alert
 * or joined it); a case with a required signal ({@link EvalPost#signal()}) is found only by an alert that
 * carries that signal. An alert is counted for the post that opened it, at the highest severity it
 * reached. Coordinated account pairs are counted per pair ({@link CoordinatedPairCases}).
 *
 * @param ordinaryPosts ordinary posts fed
 * @param ordinaryAlerted of them, those listed by an alert
 * @param alertsOpenedByOrdinary alerts whose opening post is ordinary, by severity
 * @param alertsPer10kOrdinary the same per 10,000 ordinary posts
 * @param ordinaryAlertedByCategory ordinary alerted posts by the category of their alert
 * @param groups every group of posts or pairs: how many, how many alerted (recall for cases that must alert)
 * @param tooLateShares shares the coordination branch did not compare (published longer than its retention
 *     before the newest share it had seen), or -1 when not known
 */
public record AlertBudgetReport(int ordinaryPosts, int ordinaryAlerted, Map<Severity, Integer> alertsOpenedByOrdinary,
    Map<Severity, Double> alertsPer10kOrdinary, Map<String, Integer> ordinaryAlertedByCategory, List<Group> groups, Map<String, String> settings,
    long tooLateShares) {

  /** Most ids of missed must-alert posts, or of alerted ordinary posts, listed per group, to look them up (explain API, assessments). */
  static final int MISSED_LISTED = 10;
  static final String POSTS = "posts";
  static final String ACCOUNT_PAIRS = "account pairs";
  /** Evidence key of campaign alerts naming their member accounts (capped, see {@link CampaignAlerts}). */
  static final String CAMPAIGN_ACCOUNTS_EVIDENCE = "coordination.accounts";

  /**
   * One group of posts (or of account pairs, see {@code unit}); for must-alert groups {@code alerted / count}
   * is the recall, and {@code missed} lists the first posts (pairs) not found; for ordinary groups
   * {@code falseAlarms} lists the first posts alerted.
   */
  public record Group(String name, Role role, String unit, int count, int alerted, double share, Map<String, Integer> byCategory,
      List<String> missed, List<String> falseAlarms) {}

  public double ordinaryAlertRate() {
    return ordinaryPosts == 0 ? 0.0 : (double) ordinaryAlerted / ordinaryPosts;
  }

  /** As {@link #of(List, List, List, Map)} without coordinated pairs. */
  public static AlertBudgetReport of(List<EvalPost> posts, List<Alert> changes, Map<String, String> settings) {
    return of(posts, List.of(), changes, settings);
  }

  /** The figures of {@code posts} and {@code pairCases} given every alert change of their run, and the settings that ran them. */
  public static AlertBudgetReport of(List<EvalPost> posts, List<CoordinatedPairCases> pairCases, List<Alert> changes,
      Map<String, String> settings) {
    Map<String, Alert> latest = new HashMap<>();
    Map<String, String> openedBy = new HashMap<>();
    Map<String, Set<String>> alertsOfPost = new HashMap<>();
    Map<String, Set<String>> signalsOfAlert = new HashMap<>();
    for (Alert change : changes) {
      latest.merge(change.getAlertId(), change, (a, b) -> b.getSeverity().compareTo(a.getSeverity()) >= 0 ? b : a);
      if (change.getStatus() == AlertStatus.OPENED && !change.getPostIds().isEmpty()) {
        openedBy.putIfAbsent(change.getAlertId(), change.getPostIds().get(0));
      }
      for (String post : change.getPostIds()) {
        alertsOfPost.computeIfAbsent(post, k -> new HashSet<>()).add(change.getAlertId());
      }
      // a firing signal puts "<signal>.score" in the evidence (AlertCandidates)
      change.getEvidence().keySet().stream().filter(k -> k.endsWith(".score")).map(k -> k.substring(0, k.length() - ".score".length()))
          .forEach(signal -> signalsOfAlert.computeIfAbsent(change.getAlertId(), k -> new HashSet<>()).add(signal));
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
      List<String> falseAlarms = new ArrayList<>();
      Role role = group.getValue().get(0).role();
      int alerted = 0;
      for (EvalPost p : group.getValue()) {
        Set<String> alerts = alertsOfPost.getOrDefault(p.post().getId(), Set.of()).stream()
            .filter(id -> p.signal() == null || signalsOfAlert.getOrDefault(id, Set.of()).contains(p.signal())).collect(Collectors.toSet());
        if (!alerts.isEmpty()) {
          alerted++;
          alerts.stream().map(id -> latest.get(id).getCategory()).distinct().forEach(c -> byCategory.merge(c, 1, Integer::sum));
          if (role == Role.ORDINARY && falseAlarms.size() < MISSED_LISTED) {
            falseAlarms.add(p.post().getId());
          }
        } else if (role == Role.MUST_ALERT && missed.size() < MISSED_LISTED) {
          missed.add(p.post().getId());
        }
      }
      if (role == Role.ORDINARY) {
        ordinary += group.getValue().size();
        ordinaryAlerted += alerted;
        byCategory.forEach((c, n) -> ordinaryByCategory.merge(c, n, Integer::sum));
      }
      groups.add(new Group(group.getKey(), role, POSTS, group.getValue().size(), alerted, (double) alerted / group.getValue().size(),
          byCategory, missed, falseAlarms));
    }
    List<Set<String>> campaigns = campaignAccounts(changes, posts);
    for (CoordinatedPairCases cases : pairCases) {
      groups.add(pairGroup(cases, campaigns));
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
    return new AlertBudgetReport(ordinary, ordinaryAlerted, opened, per10k, ordinaryByCategory, groups, settings, -1);
  }

  /** This report with the run's count of shares too late for the coordination branch. */
  public AlertBudgetReport withTooLateShares(long count) {
    return new AlertBudgetReport(ordinaryPosts, ordinaryAlerted, alertsOpenedByOrdinary, alertsPer10kOrdinary, ordinaryAlertedByCategory, groups,
        settings, count);
  }

  /**
   * The accounts each campaign alert lists, over all its changes: those its evidence names, and the
   * authors of the posts it lists (the evidence names at most a few dozen).
   */
  static List<Set<String>> campaignAccounts(List<Alert> changes, List<EvalPost> posts) {
    Map<String, String> authorOf = new HashMap<>();
    posts.forEach(p -> authorOf.put(p.post().getId(), p.post().getAuthor().getId()));
    Map<String, Set<String>> accountsOfAlert = new LinkedHashMap<>();
    for (Alert change : changes) {
      if (!change.getGroupKey().startsWith(CampaignAlerts.GROUP_PREFIX)) {
        continue;
      }
      Set<String> accounts = accountsOfAlert.computeIfAbsent(change.getAlertId(), k -> new HashSet<>());
      String named = change.getEvidence().get(CAMPAIGN_ACCOUNTS_EVIDENCE);
      if (named != null && !named.isBlank()) {
        accounts.addAll(List.of(named.split(",")));
      }
      change.getPostIds().stream().map(authorOf::get).filter(Objects::nonNull).forEach(accounts::add);
    }
    return new ArrayList<>(accountsOfAlert.values());
  }

  /** A pair is found when one campaign alert lists both its accounts. */
  private static Group pairGroup(CoordinatedPairCases cases, List<Set<String>> campaigns) {
    int found = 0;
    List<String> missed = new ArrayList<>();
    for (String pair : cases.pairs()) {
      String[] accounts = PairCounter.accounts(pair);
      if (campaigns.stream().anyMatch(c -> c.contains(accounts[0]) && c.contains(accounts[1]))) {
        found++;
      } else if (missed.size() < MISSED_LISTED) {
        missed.add(pair);
      }
    }
    int count = cases.pairs().size();
    return new Group(cases.group(), Role.MUST_ALERT, ACCOUNT_PAIRS, count, found, count == 0 ? 0.0 : (double) found / count,
        found == 0 ? Map.of() : Map.of(AlertCategories.COORDINATION, found), missed, List.of());
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
    lines.add(String.format(Locale.ROOT, "%-90s %6s %8s %7s  %s", "group", "count", "alerted", "share", "alert categories"));
    for (Group g : groups) {
      lines.add(String.format(Locale.ROOT, "%-90s %,6d %,8d %6.1f%%  %s", g.name() + (g.unit().equals(POSTS) ? "" : " [" + g.unit() + "]"),
          g.count(), g.alerted(), 100 * g.share(), g.byCategory().isEmpty() ? "" : g.byCategory().toString()));
    }
    if (tooLateShares >= 0) {
      lines.add(String.format(Locale.ROOT, "shares too late for the coordination branch (older than its retention behind the newest): %,d",
          tooLateShares));
    }
    for (Group g : groups) {
      if (!g.falseAlarms().isEmpty()) {
        lines.add("alerted (" + g.name() + "): " + String.join(" ", g.falseAlarms()) + (g.alerted() > g.falseAlarms().size() ? " ..." : ""));
      }
      if (!g.missed().isEmpty()) {
        lines.add("missed (" + g.name() + "): " + String.join(" ", g.missed()) + (g.count() - g.alerted() > g.missed().size() ? " ..." : ""));
      }
    }
    return lines;
  }
}
