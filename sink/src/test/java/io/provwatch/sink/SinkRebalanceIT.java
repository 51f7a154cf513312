package io.provwatch.sink;

import static io.provwatch.sink.Assessments.assessment;
import static io.provwatch.sink.Assessments.campaign;
import static io.provwatch.sink.Assessments.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.provwatch.avro.Alert;
import io.provwatch.platform.explain.ExplainStore;
import io.provwatch.avro.AlertStatus;
import io.provwatch.avro.Assessment;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.StreamsTasks;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.junit.jupiter.api.Test;

/**
 * Two sink instances of one application under exactly-once: when one leaves mid-stream, the other
 * takes over its alert lifecycles with their state, and every alert change is published exactly
 * once, with revisions that go on where they were (no second OPENED, no gap, no repeat).
 */
class SinkRebalanceIT {
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  /** Repartition topic of the lifecycles, whose tasks hold the working alert of each alert key. */
  private static final String BY_ALERT_KEY_SUFFIX = "-by-alert-key-repartition";
  private static final int CAMPAIGNS = 12;

  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();

  @Test
  void theLifecyclesOfAnInstanceThatLeavesMoveWithTheirStateAndEveryAlertChangeIsPublishedExactlyOnce() throws Exception {
    String run = SharedKafkaCluster.unique("sink-rebalance");
    ProvwatchConfig config = cluster.config(Map.of());
    ProvwatchConfig secondInstance = StreamsTasks.secondInstance(config);
    // later than the other tests' assessments on the shared topic, so that their stream time closes none of these alerts
    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<Assessment> before = members(run, base, 0, 2);
    List<Assessment> during = members(run, base, 2, 4);
    List<Assessment> after = members(run, base, 4, 6);
    List<Assessment> solo = IntStream.range(0, 6).mapToObj(i -> assessment("x:" + run + "-solo" + i, 0.9,
        base.plusSeconds(100 + i), signal("unattributed-copy", 1.0, "copy"))).toList();

    try (StreamsStage one = SinkService.start(config); StreamsStage two = SinkService.start(secondInstance)) {
      one.awaitRunning(PATIENCE);
      two.awaitRunning(PATIENCE);
      String repartition = config.getString(ProvwatchConfig.SINK_APPLICATION_ID) + BY_ALERT_KEY_SUFFIX;
      int partitions = StreamsTasks.partitionsOf(config, repartition);
      await("both instances running with the lifecycle tasks shared out").atMost(PATIENCE)
          .until(() -> StreamsTasks.sharedOut(one, two, BY_ALERT_KEY_SUFFIX, partitions));

      TopicRecords.produce(config, Topics.ASSESSMENTS, before, Assessment::getPostId);
      assertThat(TopicRecords.readCommitted(config, Topics.ALERTS, a -> a.getGroupKey().contains(run), CAMPAIGNS * 2))
          .as("two changes per campaign before the rebalance").hasSize(CAMPAIGNS * 2);

      StreamsStage leaving = StreamsTasks.activePartitions(one, BY_ALERT_KEY_SUFFIX).isEmpty() ? two : one;
      StreamsStage staying = leaving == one ? two : one;
      Set<Integer> moved = StreamsTasks.activePartitions(leaving, BY_ALERT_KEY_SUFFIX);
      CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produceUnchecked(config, during));
      leaving.close(); // the try closes it again, which is harmless
      producing.get();
      await("the remaining instance owns every lifecycle task").atMost(PATIENCE).until(() ->
          staying.state() == KafkaStreams.State.RUNNING && StreamsTasks.activePartitions(staying, BY_ALERT_KEY_SUFFIX).size() == partitions);
      TopicRecords.produce(config, Topics.ASSESSMENTS, after, Assessment::getPostId);
      TopicRecords.produce(config, Topics.ASSESSMENTS, solo, Assessment::getPostId);

      int expected = CAMPAIGNS * 6 + solo.size();
      List<Alert> changes = TopicRecords.readCommitted(config, Topics.ALERTS, a -> a.getGroupKey().contains(run), expected);
      assertThat(changes).as("every change once: none lost, none twice").hasSize(expected);
      Map<String, List<Alert>> byCampaign = changes.stream().filter(a -> a.getGroupKey().startsWith("campaign:"))
          .collect(Collectors.groupingBy(Alert::getGroupKey));
      assertThat(byCampaign).hasSize(CAMPAIGNS).allSatisfy((campaign, alerts) -> {
        assertThat(alerts).extracting(Alert::getAlertId).as("one alert for %s across the rebalance", campaign).containsOnly(alerts.get(0).getAlertId());
        assertThat(alerts).extracting(Alert::getRevision).as("revisions of %s, in order", campaign).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.OPENED, AlertStatus.UPDATED, AlertStatus.UPDATED,
            AlertStatus.UPDATED, AlertStatus.UPDATED, AlertStatus.UPDATED);
        assertThat(alerts.get(5).getPostCount()).isEqualTo(6);
      });
      assertThat(byCampaign.keySet()).as("campaigns whose lifecycle moved with the leaving instance's tasks")
          .filteredOn(group -> moved.contains(Utils.toPositive(Utils.murmur2(("coordination|" + group).getBytes(StandardCharsets.UTF_8))) % partitions))
          .isNotEmpty();
      assertThat(changes).filteredOn(a -> a.getGroupKey().startsWith("post:")).hasSize(solo.size())
          .allSatisfy(a -> assertThat(a.getRevision()).isEqualTo(1));

      // an interactive query, as the explain API makes it (the store may still be restoring: retried)
      await("the store answers every alert id with its latest change").atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
        ReadOnlyWindowStore<String, Alert> store = staying.streams().store(
            StoreQueryParameters.fromNameAndType(AlertTopologyBuilder.ALERTS_BY_ID_STORE, QueryableStoreTypes.windowStore()));
        byCampaign.values().forEach(alerts -> assertThat(ExplainStore.latest(store, alerts.get(0).getAlertId())).isEqualTo(alerts.get(5)));
      });
    }
  }

  /** Members {@code from..to-1} of every campaign of this run, joining one per second. */
  private static List<Assessment> members(String run, Instant base, int from, int to) {
    List<Assessment> members = new ArrayList<>();
    for (int member = from; member < to; member++) {
      for (int c = 0; c < CAMPAIGNS; c++) {
        String campaignId = run + "-c" + c;
        members.add(assessment("x:" + campaignId + "-m" + member, 0.7, base.plusSeconds(member), campaign(campaignId, 0.8)));
      }
    }
    return members;
  }

  private static void produceUnchecked(ProvwatchConfig config, List<Assessment> assessments) {
    try {
      TopicRecords.produce(config, Topics.ASSESSMENTS, assessments, Assessment::getPostId);
    } catch (Exception e) {
      throw new IllegalStateException("producing assessments during the rebalance failed", e);
    }
  }
}
