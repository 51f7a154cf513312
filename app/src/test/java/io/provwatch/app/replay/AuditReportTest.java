package io.provwatch.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.avro.Alert;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Lineage;
import io.provwatch.avro.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditReportTest {
  private static final Instant FROM = Instant.parse("2026-11-20T00:00:00Z");
  @TempDir Path dir;

  private static Alert alert(String id, String category, Instant at) {
    return Alert.newBuilder().setAlertId(id).setSeverity(Severity.LOW).setCategory(category).setRisk(0.4).setPostIds(List.of("x:" + id))
        .setReasons(List.of("<b>bold</b> claim")).setEvidence(Map.of()).setCreatedAt(at)
        .setLineage(Lineage.newBuilder().setInputs(List.of(InputRef.newBuilder().setTopic("posts").setPartition(0).setOffset(1).build()))
            .setModelVersion("m1").setRuleSetVersion("r1").build()).build();
  }

  /** Ten posts x:0 .. x:9 on partition 1, offsets 10 to 19, all assessed unless named in {@code notAssessed}. */
  private static ReplayAccounting accounting(Set<String> notAssessed) {
    List<RangeCopy.RawPost> raw = new ArrayList<>();
    for (RangeCopy.RawPost p : ReplayAccountingTest.records(1, "x:0", "x:1", "x:2", "x:3", "x:4", "x:5", "x:6", "x:7", "x:8", "x:9")) {
      raw.add(new RangeCopy.RawPost(1, 10 + p.offset(), FROM.toEpochMilli() + p.offset(), p.key(), p.value()));
    }
    ReplayAccounting accounting = new ReplayAccounting(List.of(new ReplayAccounting.PartitionCount(1, 10, 10, 0, 0)), raw);
    accounting.postIds().stream().filter(id -> !notAssessed.contains(id)).toList().forEach(accounting::assessed);
    return accounting;
  }

  private static AuditReport report(List<Alert> alerts, List<AlertDiff.Change> diff) {
    return report(alerts, diff, accounting(Set.of()));
  }

  private static AuditReport report(List<Alert> alerts, List<AlertDiff.Change> diff, ReplayAccounting accounting) {
    ReplayRange range = new ReplayRange("posts", FROM, FROM.plusSeconds(24 * 3600), List.of(new ReplayRange.PartitionRange(1, 10, 20)));
    DiffScope scope = DiffScope.of(accounting, accounting.postIds(), Map.of(), AuditReport.latestPerId(alerts));
    return new AuditReport("r1", range, accounting, "app-s", "app-k", Map.of("alerts", "audit.r1.alerts"), List.of(), alerts, scope, diff,
        accounting.complete() ? null : "audit-r1-missing.txt", Instant.parse("2026-11-25T18:00:00Z"));
  }

  @Test
  void alertsAreCountedPerHourAndCategoryOnceEachWhateverTheirUpdates() {
    List<Alert> alerts = List.of(alert("a", "ai-text", FROM.plusSeconds(60)), alert("a", "ai-text", FROM.plusSeconds(120)),
        alert("b", "provenance-gap", FROM.plusSeconds(90)), alert("c", "ai-text", FROM.plusSeconds(5 * 3600 + 1)));
    Map<Long, Map<String, Integer>> buckets = report(alerts, List.of()).alertsOverTime();
    assertThat(buckets).hasSize(24);
    assertThat(buckets.get(FROM.toEpochMilli())).isEqualTo(Map.of("ai-text", 1, "provenance-gap", 1));
    assertThat(buckets.get(FROM.plusSeconds(5 * 3600).toEpochMilli())).isEqualTo(Map.of("ai-text", 1));
  }

  @Test
  void theReportIsJsonAndOneSelfContainedEscapedHtmlPage() throws Exception {
    Alert gone = alert("g", "ai-text", FROM.plusSeconds(60));
    AuditReport report = report(List.of(alert("a", "ai-text", FROM.plusSeconds(60))),
        List.of(new AlertDiff.Change(AlertDiff.Kind.GONE, "g", "ai-text", List.of("x:g"), gone, null, List.of("risk <0.3>"))));
    Path html = report.write(dir);
    String page = Files.readString(html);
    assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg").contains("<rect").contains("risk &lt;0.3&gt;")
        .contains("partition 1: offsets 10 to 19").doesNotContain("<script").doesNotContain("<link").doesNotContain("src=");
    String json = Files.readString(dir.resolve("audit-r1.json"));
    assertThat(json).contains("\"toOffsetExclusive\" : 20").contains("\"kind\" : \"gone\"").contains("\"gone\" : 1");
    assertThat(json).startsWith("{\n  \"status\" : \"COMPLETE\"");
    assertThat(page).contains("<h1>Audit replay <code>r1</code>: COMPLETE</h1>").doesNotContain("INCOMPLETE");
  }

  @Test
  void anIncompleteReplayIsMarkedAtTheTopOfBothReportsWithTheMissingIds() throws Exception {
    AuditReport report = report(List.of(), List.of(), accounting(Set.of("x:3", "x:7")));
    report.write(dir);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("audit-r1.json").toFile());
    assertThat(json.fieldNames().next()).as("the first field").isEqualTo("status");
    assertThat(json.at("/status").asText()).isEqualTo("INCOMPLETE");
    assertThat(json.at("/incomplete").asText()).startsWith("2 of 10 posts of the range were neither assessed nor dead-lettered (first: x:3, x:7)");
    assertThat(json.at("/missingPostIdsFile").asText()).isEqualTo("audit-r1-missing.txt");
    assertThat(json.at("/accounting/postsInRange").asLong()).isEqualTo(10);
    assertThat(json.at("/accounting/assessed").asLong()).isEqualTo(8);
    assertThat(json.at("/accounting/missing").asLong()).isEqualTo(2);
    assertThat(json.at("/accounting/perPartition/0/missing").asLong()).isEqualTo(2);
    assertThat(json.at("/comparison/assessedLiveOnly/postIds").toString()).as("live assessed all ten").isEqualTo("[\"x:3\",\"x:7\"]");
    String page = Files.readString(dir.resolve("audit-r1.html"));
    assertThat(page).contains("<h1>Audit replay <code>r1</code>: INCOMPLETE</h1>")
        .contains("<div class=\"incomplete\"><p><strong>INCOMPLETE.</strong> 2 of 10 posts")
        .contains("<code>x:3</code> <code>x:7</code>").contains("audit-r1-missing.txt");
    assertThat(page.indexOf("INCOMPLETE.")).as("the marking comes before the lineage").isLessThan(page.indexOf("<h2>Lineage"));
  }
}
