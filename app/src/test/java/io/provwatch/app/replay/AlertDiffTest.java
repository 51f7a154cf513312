package io.provwatch.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Alert;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Lineage;
import io.provwatch.avro.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertDiffTest {
  private static final InputRef POST = InputRef.newBuilder().setTopic("posts").setPartition(0).setOffset(1).build();

  private static Alert alert(String id, String post, Severity severity, double risk, String model, String... reasons) {
    return Alert.newBuilder().setAlertId(id).setSeverity(severity).setCategory("provenance-gap").setRisk(risk).setPostIds(List.of(post))
        .setReasons(List.of(reasons)).setEvidence(Map.of()).setCreatedAt(Instant.parse("2026-11-20T09:00:00Z"))
        .setLineage(Lineage.newBuilder().setInputs(List.of(POST)).setModelVersion(model).setRuleSetVersion("rules-1").build()).build();
  }

  private static Assessment assessment(String post, double risk) {
    return Assessment.newBuilder().setPostId(post).setPlatform("x").setAuthorId("a").setPostCreatedAt(Instant.EPOCH).setSignals(List.of())
        .setRisk(risk).setModelVersion("m1").setRuleSetVersion("rules-1").setProcessedAt(Instant.EPOCH).setInput(POST).build();
  }

  @Test
  void identicalAlertsMakeNoDifference() {
    Alert a = alert("a1", "x:1", Severity.HIGH, 0.8, "m1", "copied");
    assertThat(AlertDiff.between(Map.of("a1", a), Map.of("a1", Alert.newBuilder(a).build()), Map.of())).isEmpty();
  }

  @Test
  void newGoneAndChangedAlertsAreNamedWithTheirReasons() {
    Map<String, Alert> live = Map.of(
        "a1", alert("a1", "x:1", Severity.HIGH, 0.8, "m1", "copied"),
        "a2", alert("a2", "x:2", Severity.LOW, 0.4, "m1", "no digest"));
    Map<String, Alert> replay = Map.of(
        "a1", alert("a1", "x:1", Severity.CRITICAL, 0.92, "m1", "copied", "machine-written"),
        "a3", alert("a3", "x:3", Severity.MEDIUM, 0.6, "m1", "machine-written"));
    List<AlertDiff.Change> diff = AlertDiff.between(live, replay, Map.of("x:2", assessment("x:2", 0.25)));
    assertThat(diff).extracting(AlertDiff.Change::kind, AlertDiff.Change::alertId).containsExactly(
        org.assertj.core.groups.Tuple.tuple(AlertDiff.Kind.NEW, "a3"),
        org.assertj.core.groups.Tuple.tuple(AlertDiff.Kind.GONE, "a2"),
        org.assertj.core.groups.Tuple.tuple(AlertDiff.Kind.CHANGED, "a1"));
    assertThat(diff.get(0).reasons()).containsExactly("raised only by the replay: MEDIUM at risk 0.6000; live raised no provenance-gap alert for x:3",
        "replay: machine-written");
    assertThat(diff.get(1).reasons()).containsExactly("live raised LOW at risk 0.4000; the replay raised no provenance-gap alert for x:2",
        "live: no digest", "the replay assessed x:2 at risk 0.2500");
    assertThat(diff.get(2).reasons()).containsExactly("severity HIGH -> CRITICAL", "risk 0.8000 -> 0.9200", "new reason: machine-written");
  }

  @Test
  void theSameFindingUnderAnotherModelVersionIsAChangeNotANewAndAGoneAlert() {
    Map<String, Alert> live = Map.of("a1", alert("a1", "x:1", Severity.HIGH, 0.8, "m1", "copied"));
    Map<String, Alert> replay = Map.of("b1", alert("b1", "x:1", Severity.HIGH, 0.8, "m2", "copied"));
    List<AlertDiff.Change> diff = AlertDiff.between(live, replay, Map.of());
    assertThat(diff).hasSize(1);
    assertThat(diff.get(0).kind()).isEqualTo(AlertDiff.Kind.CHANGED);
    assertThat(diff.get(0).reasons()).containsExactly("alert id a1 is now b1 (model m1 -> m2, rule set rules-1 -> rules-1)");
  }
}
