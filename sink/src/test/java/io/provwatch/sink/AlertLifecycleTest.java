package io.provwatch.sink;

import static io.provwatch.sink.Assessments.assessment;
import static io.provwatch.sink.Assessments.signal;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Alert;
import io.provwatch.avro.AlertStatus;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Severity;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {
  private final AlertLifecycle lifecycle = new AlertLifecycle(new LifecycleWindows(1_000, 5_000, 10));

  @Test
  void anOpenAlertIsDueWhenItClosesAndAClosedOneWhenItCanBeForgotten() {
    Alert candidate = AlertCandidates.of(assessment("x:1", 0.9, signal("unattributed-copy", 1.0, "copy")), Severity.HIGH,
        InputRef.newBuilder().setTopic("assessments").setPartition(0).setOffset(1).build());
    long t = candidate.getLastSeenAt().toEpochMilli();
    Alert open = lifecycle.apply(null, candidate, t).working();
    assertThat(lifecycle.dueAt(open)).isEqualTo(t + 1_000);
    assertThat(lifecycle.closeIfQuiet(open, t + 1_000)).as("not after the quiet period yet").isEmpty();
    Alert closed = lifecycle.closeIfQuiet(open, t + 1_001).orElseThrow();
    assertThat(closed.getStatus()).isEqualTo(AlertStatus.CLOSED);
    assertThat(lifecycle.dueAt(closed)).isEqualTo(t + 5_000);
    assertThat(lifecycle.expired(closed, t + 5_000)).isFalse();
    assertThat(lifecycle.expired(closed, t + 5_001)).isTrue();
    assertThat(lifecycle.expired(open, t + 50_000)).as("an open alert is closed first, never forgotten").isFalse();
  }
}
