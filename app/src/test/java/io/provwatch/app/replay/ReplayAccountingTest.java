package io.provwatch.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayAccountingTest {
  /** One record per id on {@code partition}, at offsets 0, 1, ... in the order given. */
  static List<RangeCopy.RawPost> records(int partition, String... ids) {
    List<RangeCopy.RawPost> records = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      records.add(new RangeCopy.RawPost(partition, i, 1_000 + i, ids[i].getBytes(StandardCharsets.UTF_8), new byte[] {1}));
    }
    return records;
  }

  /** An accounting of {@code ids} on partition 0, nothing skipped. */
  static ReplayAccounting of(String... ids) {
    return new ReplayAccounting(List.of(new ReplayAccounting.PartitionCount(0, ids.length, ids.length, 0, 0)), records(0, ids));
  }

  @Test
  void aRangeIsCompleteWhenEveryPostIsAssessedOrDeadLettered() {
    ReplayAccounting accounting = of("x:1", "x:2", "x:3");
    accounting.assessed("x:1");
    accounting.deadLettered("x:2", "DESERIALIZATION");
    assertThat(accounting.complete()).isFalse();
    assertThat(accounting.missing()).containsExactly("x:3");
    accounting.assessed("x:3");
    assertThat(accounting.complete()).isTrue();
    assertThat(accounting.postsInRange()).isEqualTo(accounting.assessedPosts() + accounting.deadLetteredPosts()).isEqualTo(3);
    assertThat(accounting.deadLetteredByCode()).containsExactly(java.util.Map.entry("DESERIALIZATION", 1L));
  }

  @Test
  void anAssessedPostIsNotAlsoCountedAsDeadLettered() {
    ReplayAccounting accounting = of("x:1");
    accounting.deadLettered("x:1", "PROCESSING"); // e.g. the sink failed on its alert
    accounting.assessed("x:1");
    assertThat(accounting.assessedPosts()).isEqualTo(1);
    assertThat(accounting.deadLetteredPosts()).isZero();
    assertThat(accounting.deadLetteredByCode()).isEmpty();
  }

  @Test
  void aRepeatedIdIsOnePostAndItsRepeatIsCountedApart() {
    ReplayAccounting accounting = of("x:1", "x:1", "x:2");
    assertThat(accounting.recordsInRange()).isEqualTo(3);
    assertThat(accounting.postsInRange()).isEqualTo(2);
    assertThat(accounting.repeatedRecords()).isEqualTo(1);
    accounting.assessed("x:1");
    assertThat(accounting.missing()).containsExactly("x:2");
  }

  @Test
  void outputsOfPostsOutsideTheRangeAndUnrelatedDeadLettersDoNotCount() {
    ReplayAccounting accounting = of("x:1");
    accounting.assessed("x:elsewhere");
    accounting.deadLettered("object:https://example.org", "PROCESSING");
    accounting.deadLettered(null, "DESERIALIZATION");
    assertThat(accounting.accountedPosts()).isZero();
    assertThat(accounting.toJson(10).at("/otherDeadLettersByCode").toString()).isEqualTo("{\"DESERIALIZATION\":1,\"PROCESSING\":1}");
  }

  @Test
  void eachPartitionSaysWhatWasReadSkippedAndMissing() {
    List<RangeCopy.RawPost> records = new ArrayList<>(records(0, "x:a", "x:b"));
    records.addAll(records(2, "x:c"));
    ReplayAccounting accounting = new ReplayAccounting(List.of(new ReplayAccounting.PartitionCount(0, 5, 4, 1, 1),
        new ReplayAccounting.PartitionCount(2, 1, 1, 0, 0)), records);
    accounting.assessed("x:a");
    accounting.deadLettered("x:c", "DESERIALIZATION");
    assertThat(accounting.perPartition()).hasSize(2);
    assertThat(accounting.perPartition().get(0)).containsEntry("postsInRange", 2L).containsEntry("assessed", 1L).containsEntry("missing", 1L)
        .containsEntry("skippedOutsideTimeRange", 1L).containsEntry("skippedWithoutValue", 1L);
    assertThat(accounting.perPartition().get(1)).containsEntry("partition", 2L).containsEntry("deadLettered", 1L).containsEntry("missing", 0L);
    assertThat(accounting.incompleteSummary(5)).isEqualTo("1 of 3 posts of the range were neither assessed nor dead-lettered (first: x:b)");
  }

  @Test
  void theSummaryNamesOnlyTheFirstMissingIds() {
    ReplayAccounting accounting = of("x:1", "x:2", "x:3", "x:4");
    assertThat(accounting.incompleteSummary(2)).isEqualTo("4 of 4 posts of the range were neither assessed nor dead-lettered (first: x:1, x:2, ...)");
    assertThat(accounting.toJson(3).at("/missingPostIds").size()).isEqualTo(3);
    assertThat(accounting.toJson(3).at("/missing").asLong()).isEqualTo(4);
  }
}
