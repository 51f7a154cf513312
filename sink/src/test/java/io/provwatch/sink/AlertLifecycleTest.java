package io.provwatch.sink;

import static io.provwatch.sink.Assessments.assessment;
import static io.provwatch.sink.Assessments.signal;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Alert;
import io.provwatch.avro.AlertStatus;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Severity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {
  private final AlertLifecycle lifecycle = new AlertLifecycle(new LifecycleWindows(1_000, 5_000, 10), 3);

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

  private static Alert cause(String postId, long atMs) {
    Assessment a = Assessment.newBuilder(assessment(postId, 0.3, Instant.ofEpochMilli(atMs), signal("unseen-original", 0.6, "repost of " + postId + "'s original, never seen")))
        .setAuthorId("bob").build();
    return AlertCandidates.ofCause(a, Severity.LOW, InputRef.newBuilder().setTopic("assessments").setPartition(0).setOffset(atMs).build());
  }

  @Test
  void aCausesFindingsGatherUnpublishedUntilEnoughPostsThenOneAlertOpensAndGrows() {
    long t = 1_000_000;
    AlertLifecycle.Step first = lifecycle.apply(null, cause("x:1", t), t);
    assertThat(first.changes()).isEmpty();
    assertThat(first.working().getGroupKey()).isEqualTo("account:x:bob");
    AlertLifecycle.Step second = lifecycle.apply(first.working(), cause("x:2", t + 500), t + 500);
    assertThat(second.changes()).as("2 of 3 posts").isEmpty();
    assertThat(lifecycle.closeIfQuiet(second.working(), t + 10_000)).as("nothing published, nothing to close").isEmpty();

    AlertLifecycle.Step third = lifecycle.apply(second.working(), cause("x:3", t + 900), t + 900);
    Alert opened = third.changes().get(0);
    assertThat(third.changes()).hasSize(1);
    assertThat(opened.getStatus()).isEqualTo(AlertStatus.OPENED);
    assertThat(opened.getRevision()).isEqualTo(1);
    assertThat(opened.getCategory()).isEqualTo(AlertCategories.PROVENANCE_GAP);
    assertThat(opened.getPostIds()).containsExactly("x:1", "x:2", "x:3");
    assertThat(opened.getPostCount()).isEqualTo(3);
    assertThat(opened.getFirstSeenAt().toEpochMilli()).isEqualTo(t);
    assertThat(opened.getCreatedAt().toEpochMilli()).isEqualTo(t + 900);

    AlertLifecycle.Step fourth = lifecycle.apply(third.working(), cause("x:4", t + 1_200), t + 1_200);
    assertThat(fourth.changes()).singleElement().satisfies(c -> {
      assertThat(c.getStatus()).isEqualTo(AlertStatus.UPDATED);
      assertThat(c.getAlertId()).isEqualTo(opened.getAlertId());
      assertThat(c.getPostCount()).isEqualTo(4);
    });
  }

  @Test
  void gatheredFindingsAQuietPeriodApartDoNotAddUpAndAreForgotten() {
    long t = 1_000_000;
    Alert gathering = lifecycle.apply(lifecycle.apply(null, cause("x:1", t), t).working(), cause("x:2", t + 100), t + 100).working();
    assertThat(lifecycle.dueAt(gathering)).isEqualTo(t + 100 + 1_000);
    assertThat(lifecycle.expired(gathering, t + 1_100)).isFalse();
    assertThat(lifecycle.expired(gathering, t + 1_101)).isTrue();
    AlertLifecycle.Step late = lifecycle.apply(gathering, cause("x:3", t + 2_000), t + 2_000);
    assertThat(late.changes()).as("the first two went quiet: one post now").isEmpty();
    assertThat(late.working().getPostIds()).containsExactly("x:3");
  }
}
