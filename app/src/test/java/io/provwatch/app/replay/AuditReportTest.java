package io.provwatch.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Alert;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Lineage;
import io.provwatch.avro.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

  private static AuditReport report(List<Alert> alerts, List<AlertDiff.Change> diff) {
    ReplayRange range = new ReplayRange("posts", FROM, FROM.plusSeconds(24 * 3600), List.of(new ReplayRange.PartitionRange(1, 10, 20)));
    return new AuditReport("r1", range, 10, "app-s", "app-k", Map.of("alerts", "audit.r1.alerts"), List.of(), alerts, Map.of(), diff,
        Instant.parse("2026-11-25T18:00:00Z"));
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
  }
}
