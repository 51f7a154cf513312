package io.provwatch.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Alert;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Lineage;
import io.provwatch.avro.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiffScopeTest {
  private static Alert alert(String id, String... posts) {
    return Alert.newBuilder().setAlertId(id).setSeverity(Severity.LOW).setCategory("coordination").setRisk(0.4).setPostIds(List.of(posts))
        .setReasons(List.of()).setEvidence(Map.of()).setCreatedAt(Instant.EPOCH)
        .setLineage(Lineage.newBuilder().setInputs(List.<InputRef>of()).setModelVersion("m").setRuleSetVersion("r").build()).build();
  }

  @Test
  void onlyPostsBothSidesAssessedAreComparedAndAlertsNamingOthersAreSetApart() {
    ReplayAccounting accounting = ReplayAccountingTest.of("x:1", "x:2", "x:3", "x:4");
    accounting.assessed("x:1");
    accounting.assessed("x:2");
    accounting.assessed("x:4");
    Set<String> liveAssessed = Set.of("x:1", "x:3", "x:4");

    Map<String, Alert> live = Map.of("a1", alert("a1", "x:1"), "a3", alert("a3", "x:3"), "c", alert("c", "x:1", "x:4", "x:outside"));
    Map<String, Alert> replay = Map.of("a1", alert("a1", "x:1"), "a2", alert("a2", "x:2"));
    DiffScope scope = DiffScope.of(accounting, liveAssessed, live, replay);

    assertThat(scope.comparedPosts()).isEqualTo(2);
    assertThat(scope.replayOnly()).containsExactly("x:2");
    assertThat(scope.liveOnly()).containsExactly("x:3");
    assertThat(scope.neither()).isEmpty();
    assertThat(scope.live()).as("posts outside the range do not keep an alert out").containsOnlyKeys("a1", "c");
    assertThat(scope.liveAlertsApart()).containsExactly("a3");
    assertThat(scope.replay()).containsOnlyKeys("a1");
    assertThat(scope.replayAlertsApart()).containsExactly("a2");
    assertThat(scope.whole()).isFalse();
  }

  @Test
  void aLiveAlertConcernsTheRangeByItsInputsOrByItsPosts() {
    ReplayAccounting accounting = ReplayAccountingTest.of("x:1", "x:2");
    ReplayRange range = new ReplayRange("posts", Instant.EPOCH, Instant.EPOCH.plusSeconds(60), List.of(new ReplayRange.PartitionRange(0, 10, 20)));
    Alert campaign = alert("campaign", "x:2", "x:outside");
    campaign.getLineage().setInputs(List.of(new InputRef("campaigns", 0, 15L)));
    assertThat(DiffScope.concerns(campaign, range, accounting)).as("its lineage names campaigns, its posts the range").isTrue();
    Alert post = alert("post", "x:elsewhere");
    post.getLineage().setInputs(List.of(new InputRef("posts", 0, 12L)));
    assertThat(DiffScope.concerns(post, range, accounting)).as("its input is in the range").isTrue();
    Alert other = alert("other", "x:outside");
    other.getLineage().setInputs(List.of(new InputRef("posts", 0, 20L), new InputRef("campaigns", 0, 15L)));
    assertThat(DiffScope.concerns(other, range, accounting)).as("neither its posts nor its inputs").isFalse();
  }

  @Test
  void aRangeBothSidesAssessedWhollyIsComparedWhole() {
    ReplayAccounting accounting = ReplayAccountingTest.of("x:1");
    accounting.assessed("x:1");
    DiffScope scope = DiffScope.of(accounting, Set.of("x:1"), Map.of("a", alert("a", "x:1")), Map.of());
    assertThat(scope.whole()).isTrue();
    assertThat(scope.live()).containsOnlyKeys("a");
  }
}
