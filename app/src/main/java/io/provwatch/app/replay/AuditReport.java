package io.provwatch.app.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provwatch.avro.Alert;
import io.provwatch.avro.Assessment;
import io.provwatch.sink.AlertFormatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The audit report of one replay: whether it is complete, what was replayed (the lineage: input
 * offsets, model, rule-set and config versions), the accounting of every post of the range, what came
 * out, the alerts over time by category, and the difference from the live alerts over the posts both
 * sides assessed. Written as {@code audit-<run>.json} and a self-contained {@code audit-<run>.html}.
 *
 * @param missingIdsFile name of the file beside the report that lists every missing post; null when complete
 */
record AuditReport(
    String runId,
    ReplayRange range,
    ReplayAccounting accounting,
    String scoringApplicationId,
    String sinkApplicationId,
    Map<String, String> auditTopics,
    List<Assessment> assessments,
    List<Alert> replayAlerts,
    DiffScope scope,
    List<AlertDiff.Change> diff,
    String missingIdsFile,
    Instant writtenAt) {

  /** Ids listed in the JSON per kind of post left out of the comparison (the missing ones have their own file). */
  static final int IDS_LISTED = 1000;

  /** COMPLETE when every post of the range was assessed or dead-lettered, else INCOMPLETE. */
  String status() {
    return accounting.complete() ? "COMPLETE" : "INCOMPLETE";
  }

  /** Posts of the range (distinct ids). */
  long postsReplayed() {
    return accounting.postsInRange();
  }

  /** Live alerts of the range's posts, compared or not. */
  int liveAlertCount() {
    return scope.live().size() + scope.liveAlertsApart().size();
  }

  static final int BUCKETS = 24;

  /** Alerts per time bucket and category: the chart's data. Buckets split [from, to) evenly. */
  Map<Long, Map<String, Integer>> alertsOverTime() {
    long from = range.from().toEpochMilli();
    long width = bucketWidthMs();
    Map<Long, Map<String, Integer>> buckets = new TreeMap<>();
    for (int i = 0; i < BUCKETS; i++) {
      buckets.put(from + i * width, new TreeMap<>());
    }
    for (Alert alert : latestPerId(replayAlerts).values()) {
      long t = alert.getCreatedAt().toEpochMilli();
      long index = Math.max(0, Math.min(BUCKETS - 1, (t - from) / width));
      buckets.get(from + index * width).merge(alert.getCategory(), 1, Integer::sum);
    }
    return buckets;
  }

  long bucketWidthMs() {
    long span = range.to().toEpochMilli() - range.from().toEpochMilli();
    return Math.max(1, (span + BUCKETS - 1) / BUCKETS);
  }

  static Map<String, Alert> latestPerId(List<Alert> alerts) {
    Map<String, Alert> latest = new TreeMap<>();
    alerts.forEach(a -> latest.put(a.getAlertId(), a));
    return latest;
  }

  TreeSet<String> versions(java.util.function.Function<Assessment, String> field) {
    TreeSet<String> values = new TreeSet<>();
    assessments.forEach(a -> values.add(field.apply(a)));
    return values;
  }

  long count(AlertDiff.Kind kind) {
    return diff.stream().filter(c -> c.kind() == kind).count();
  }

  ObjectNode toJson() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("status", status());
    if (!accounting.complete()) {
      root.put("incomplete", accounting.incompleteSummary(5) + "; the difference against live covers only the posts both sides assessed");
      root.put("missingPostIdsFile", missingIdsFile);
    }
    root.put("runId", runId);
    root.put("from", range.from().toString());
    root.put("to", range.to().toString());
    root.put("writtenAt", writtenAt.toString());
    ObjectNode lineage = root.putObject("lineage");
    lineage.put("inputTopic", range.topic());
    ArrayNode partitions = lineage.putArray("inputOffsets");
    range.partitions().forEach(p -> partitions.addObject().put("partition", p.partition()).put("fromOffset", p.start()).put("toOffsetExclusive", p.end()));
    lineage.put("postsReplayed", postsReplayed());
    versions(Assessment::getModelVersion).forEach(lineage.putArray("modelVersions")::add);
    versions(Assessment::getRuleSetVersion).forEach(lineage.putArray("ruleSetVersions")::add);
    versions(Assessment::getConfigHash).forEach(lineage.putArray("configHashes")::add);
    lineage.put("scoringApplicationId", scoringApplicationId);
    lineage.put("sinkApplicationId", sinkApplicationId);
    ObjectNode topics = lineage.putObject("auditTopics");
    auditTopics.forEach(topics::put);
    root.set("accounting", accounting.toJson(IDS_LISTED));
    ObjectNode comparison = root.putObject("comparison");
    comparison.put("comparedPosts", scope.comparedPosts());
    ids(comparison, "assessedByReplayOnly", scope.replayOnly());
    ids(comparison, "assessedLiveOnly", scope.liveOnly());
    ids(comparison, "assessedByNeither", scope.neither());
    scope.liveAlertsApart().forEach(comparison.putArray("liveAlertsLeftOut")::add);
    scope.replayAlertsApart().forEach(comparison.putArray("replayAlertsLeftOut")::add);
    ObjectNode counts = root.putObject("counts");
    counts.put("assessments", assessments.size());
    counts.put("alertRecords", replayAlerts.size());
    counts.put("alerts", latestPerId(replayAlerts).size());
    counts.put("liveAlerts", liveAlertCount());
    counts.put("new", count(AlertDiff.Kind.NEW));
    counts.put("gone", count(AlertDiff.Kind.GONE));
    counts.put("changed", count(AlertDiff.Kind.CHANGED));
    ObjectNode chart = root.putObject("alertsOverTime");
    chart.put("bucketMs", bucketWidthMs());
    ArrayNode buckets = chart.putArray("buckets");
    alertsOverTime().forEach((start, byCategory) -> {
      ObjectNode bucket = buckets.addObject();
      bucket.put("start", Instant.ofEpochMilli(start).toString());
      ObjectNode cats = bucket.putObject("byCategory");
      byCategory.forEach(cats::put);
    });
    ArrayNode changes = root.putArray("diff");
    ObjectMapper parser = new ObjectMapper();
    for (AlertDiff.Change c : diff) {
      ObjectNode change = changes.addObject();
      change.put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT));
      change.put("alertId", c.alertId());
      change.put("category", c.category());
      c.postIds().forEach(change.putArray("postIds")::add);
      c.reasons().forEach(change.putArray("reasons")::add);
      try {
        if (c.live() != null) {
          change.set("live", parser.readTree(AlertFormatter.json(c.live())));
        }
        if (c.replay() != null) {
          change.set("replay", parser.readTree(AlertFormatter.json(c.replay())));
        }
      } catch (IOException e) {
        throw new IllegalStateException("AlertFormatter wrote JSON it cannot read back", e);
      }
    }
    return root;
  }

  private static void ids(ObjectNode parent, String name, List<String> ids) {
    ObjectNode node = parent.putObject(name);
    node.put("count", ids.size());
    ids.stream().limit(IDS_LISTED).forEach(node.putArray("postIds")::add);
  }

  /** Writes {@code audit-<run>.json} and {@code audit-<run>.html} into {@code dir}; returns the HTML path. */
  Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path json = dir.resolve("audit-" + runId + ".json");
    Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson()) + "\n",
        StandardCharsets.UTF_8);
    Path html = dir.resolve("audit-" + runId + ".html");
    Files.writeString(html, AuditHtml.render(this), StandardCharsets.UTF_8);
    return html;
  }
}
