package io.provwatch.app.alertbudget;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.app.alertbudget.EvalPost.Role;
import io.provwatch.avro.Alert;
import io.provwatch.avro.AlertStatus;
import io.provwatch.avro.Author;
import io.provwatch.avro.Lineage;
import io.provwatch.avro.Post;
import io.provwatch.avro.Severity;
import io.provwatch.avro.SourcePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AlertBudgetReportTest {
  private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

  private static EvalPost post(String id, String group, Role role) {
    Post post = Post.newBuilder().setId(id).setPlatform("x").setAuthor(Author.newBuilder().setId("a-" + id).build())
        .setCreatedAt(T0).setObservedAt(T0).setText("t").setSource(SourcePosition.newBuilder().setConnector("test").setPosition(id).build())
        .build();
    return new EvalPost(post, group, role);
  }

  private static Alert change(String alertId, AlertStatus status, Severity severity, String category, String... postIds) {
    return change(alertId, status, severity, category, "post:" + postIds[0], Map.of(), postIds);
  }

  private static Alert change(String alertId, AlertStatus status, Severity severity, String category, String groupKey,
      Map<String, String> evidence, String... postIds) {
    return Alert.newBuilder().setAlertId(alertId).setStatus(status).setRevision(1).setGroupKey(groupKey).setSeverity(severity)
        .setCategory(category).setRisk(0.5).setPostIds(List.of(postIds)).setPostCount(postIds.length).setReasons(List.of())
        .setEvidence(evidence).setCreatedAt(T0).setFirstSeenAt(T0).setLastSeenAt(T0).setUpdatedAt(T0)
        .setLineage(Lineage.newBuilder().setInputs(List.of()).setModelVersion("m").setRuleSetVersion("r").setConfigHash("").build())
        .build();
  }

  @Test
  void ordinaryPostsCountAgainstTheBudgetAndCasesForRecall() {
    List<EvalPost> posts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      posts.add(post("x:o" + i, "ordinary: x", Role.ORDINARY));
    }
    posts.add(post("x:c1", "must alert: copies", Role.MUST_ALERT));
    posts.add(post("x:c2", "must alert: copies", Role.MUST_ALERT));
    posts.add(post("x:s1", "context: sample", Role.CONTEXT));
    List<Alert> changes = List.of(
        change("a1", AlertStatus.OPENED, Severity.LOW, "provenance-gap", "x:o1"),
        change("a1", AlertStatus.UPDATED, Severity.MEDIUM, "provenance-gap", "x:o1", "x:o2"), // grew: counted once, at its top severity
        change("a2", AlertStatus.OPENED, Severity.HIGH, "provenance-gap", "x:c1"),
        change("a3", AlertStatus.OPENED, Severity.LOW, "ai-text", "x:s1"));

    AlertBudgetReport report = AlertBudgetReport.of(posts, changes, Map.of("sink.min.risk", "0.3"));

    assertThat(report.ordinaryPosts()).isEqualTo(40);
    assertThat(report.ordinaryAlerted()).as("o1 opened, o2 joined").isEqualTo(2);
    assertThat(report.ordinaryAlertRate()).isEqualTo(0.05);
    assertThat(report.alertsOpenedByOrdinary()).containsExactly(Map.entry(Severity.MEDIUM, 1));
    assertThat(report.alertsPer10kOrdinary()).containsEntry(Severity.MEDIUM, 250.0).containsEntry(Severity.HIGH, 0.0);
    assertThat(report.ordinaryAlertedByCategory()).containsExactly(Map.entry("provenance-gap", 2));
    AlertBudgetReport.Group copies = report.groups().stream().filter(g -> g.name().equals("must alert: copies")).findFirst().orElseThrow();
    assertThat(copies.alerted()).isEqualTo(1);
    assertThat(copies.share()).isEqualTo(0.5);
    assertThat(copies.missed()).containsExactly("x:c2");
    assertThat(report.groups().get(0).falseAlarms()).containsExactly("x:o1", "x:o2");
    assertThat(report.describe()).anySatisfy(line -> assertThat(line).startsWith("ordinary posts: 40, alerted 2 = 5.0%"))
        .anySatisfy(line -> assertThat(line).isEqualTo("missed (must alert: copies): x:c2"))
        .anySatisfy(line -> assertThat(line).as("false alarms, to look up").isEqualTo("alerted (ordinary: x): x:o1 x:o2"));
  }

  @Test
  void aCaseWithARequiredSignalIsFoundOnlyByAnAlertCarryingIt() {
    EvalPost matched = new EvalPost(post("x:t1", "must alert: tweets", Role.MUST_ALERT).post(), "must alert: tweets", Role.MUST_ALERT,
        "claim-match");
    EvalPost otherSignal = new EvalPost(post("x:t2", "must alert: tweets", Role.MUST_ALERT).post(), "must alert: tweets", Role.MUST_ALERT,
        "claim-match");
    List<Alert> changes = List.of(
        change("a1", AlertStatus.OPENED, Severity.HIGH, "disinformation", "post:x:t1", Map.of("claim-match.score", "0.9"), "x:t1"),
        change("a2", AlertStatus.OPENED, Severity.LOW, "disinformation", "post:x:t2", Map.of("link-credibility.score", "0.5"), "x:t2"));

    AlertBudgetReport.Group tweets = AlertBudgetReport.of(List.of(matched, otherSignal), changes, Map.of()).groups().get(0);

    assertThat(tweets.alerted()).isEqualTo(1);
    assertThat(tweets.missed()).as("a poorly rated link is no claim match").containsExactly("x:t2");
  }

  @Test
  void aCoordinatedPairIsFoundWhenOneCampaignAlertListsBothAccounts() {
    EvalPost p1 = post("csv:1", "context: co-shares", Role.CONTEXT); // author a-csv:1
    EvalPost p2 = post("csv:2", "context: co-shares", Role.CONTEXT); // author a-csv:2
    List<Alert> changes = List.of(
        // accounts named in the evidence, or through the posts listed, over every change of the alert
        change("c1", AlertStatus.OPENED, Severity.MEDIUM, "coordination", "campaign:cmp-1", Map.of("coordination.accounts", "a-csv:1,n1"),
            "csv:1"),
        change("c1", AlertStatus.UPDATED, Severity.MEDIUM, "coordination", "campaign:cmp-1", Map.of("coordination.accounts", "n2"), "csv:2"),
        change("c2", AlertStatus.OPENED, Severity.MEDIUM, "coordination", "campaign:cmp-2", Map.of("coordination.accounts", "n3,n4,n5")),
        // a post alert listing both accounts' posts is no campaign alert
        change("p1", AlertStatus.OPENED, Severity.LOW, "disinformation", "post:csv:1", Map.of(), "csv:1", "n6"));
    TreeSet<String> pairs = new TreeSet<>(List.of("a-csv:1|a-csv:2", "a-csv:1|n2", "n1|n2", "n3|n4", "n1|n3", "a-csv:1|n6"));

    AlertBudgetReport report = AlertBudgetReport.of(List.of(p1, p2), List.of(new CoordinatedPairCases("must alert: pairs", pairs)), changes,
        Map.of());

    AlertBudgetReport.Group found = report.groups().stream().filter(g -> g.name().equals("must alert: pairs")).findFirst().orElseThrow();
    assertThat(found.unit()).isEqualTo("account pairs");
    assertThat(found.count()).isEqualTo(6);
    assertThat(found.alerted()).isEqualTo(4);
    assertThat(found.missed()).as("two campaigns are not one; a post alert is no campaign").containsExactly("a-csv:1|n6", "n1|n3");
    assertThat(report.ordinaryPosts()).isZero();
  }

  @Test
  void noAlertsMeansNoneAlertedAndNothingFound() {
    AlertBudgetReport report = AlertBudgetReport.of(List.of(post("x:o", "ordinary: x", Role.ORDINARY), post("x:c", "must alert: copies",
        Role.MUST_ALERT)), List.of(), Map.of());
    assertThat(report.ordinaryAlertRate()).isZero();
    assertThat(report.groups()).extracting(AlertBudgetReport.Group::alerted).containsExactly(0, 0);
    assertThat(report.groups().get(1).missed()).containsExactly("x:c");
  }
}
