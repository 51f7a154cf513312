package io.provwatch.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.provwatch.avro.Alert;
import io.provwatch.avro.AlertStatus;
import io.provwatch.avro.Lineage;
import io.provwatch.avro.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertHistoryTest {
  static Alert alert(String id, int revision, Severity severity) {
    Instant at = Instant.parse("2026-11-20T09:00:00Z").plusSeconds(revision);
    return Alert.newBuilder().setAlertId(id).setSeverity(severity).setCategory("coordination").setRisk(0.9)
        .setPostIds(List.of("x:1")).setReasons(List.of("shared with 3 accounts")).setEvidence(Map.of("campaignId", "cmp-1"))
        .setCreatedAt(at).setLineage(Lineage.newBuilder().setInputs(List.of()).setModelVersion("m").setRuleSetVersion("r").setConfigHash("h").build())
        .setStatus(revision == 1 ? AlertStatus.OPENED : AlertStatus.UPDATED).setRevision(revision).setGroupKey("g").setPostCount(1)
        .setFirstSeenAt(at).setLastSeenAt(at).setUpdatedAt(at).build();
  }

  private static AlertHistory historyOf(int maxAlerts, Alert... changes) {
    AlertHistory history = new AlertHistory(maxAlerts);
    for (Alert change : changes) {
      history.add(change);
    }
    return history;
  }

  @Test
  void keepsEveryRevisionOnceAndListsTheMostRecentlyChangedFirst() {
    AlertHistory history = historyOf(10, alert("a", 1, Severity.LOW), alert("b", 1, Severity.HIGH), alert("a", 2, Severity.MEDIUM),
        alert("a", 2, Severity.MEDIUM)); // the last one read again after a restart

    assertThat(history.latest()).extracting(Alert::getAlertId, Alert::getRevision).containsExactly(
        tuple("a", 2), tuple("b", 1));
    assertThat(history.revisions("a")).hasValueSatisfying(r -> assertThat(r).extracting(Alert::getRevision).containsExactly(1, 2));
    assertThat(history.revisions("nope")).isEmpty();
  }

  @Test
  void dropsTheAlertLeastRecentlyChangedBeyondTheLimit() {
    AlertHistory history = historyOf(2, alert("a", 1, Severity.LOW), alert("b", 1, Severity.LOW), alert("a", 2, Severity.LOW),
        alert("c", 1, Severity.LOW));
    assertThat(history.latest()).extracting(Alert::getAlertId).containsExactly("c", "a");
  }

  @Test
  void aListenerGetsTheSnapshotThenEachNewChangeOnce() {
    AlertHistory history = new AlertHistory(10);
    history.add(alert("a", 1, Severity.LOW));
    List<Alert> heard = new ArrayList<>();
    assertThat(history.snapshotAndListen(heard::add)).extracting(Alert::getAlertId).containsExactly("a");
    history.add(alert("a", 1, Severity.LOW));
    history.add(alert("b", 1, Severity.HIGH));
    assertThat(heard).extracting(Alert::getAlertId).containsExactly("b");
  }
}
