package io.provwatch.sink;

import static io.provwatch.sink.Assessments.assessment;
import static io.provwatch.sink.Assessments.signal;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Alert;
import io.provwatch.avro.AlertStatus;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.DeadLetter;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Severity;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** The sink stage on the real in-process broker and registry, under exactly_once_v2. */
class SinkIT {
  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();

  @Test
  void assessmentsBecomeAlertsOnTheirSeverityTopicsOnceEachWithLineageAndGarbageIsDeadLettered() throws Exception {
    String run = SharedKafkaCluster.unique("sink");
    ProvwatchConfig config = cluster.config(Map.of(
        ProvwatchConfig.SINK_SEVERITY_THRESHOLDS, "critical=0.9,high=0.75,medium=0.5,low=0.3",
        ProvwatchConfig.SINK_MIN_RISK, "0.3"));
    Assessment critical = assessment("x:" + run + "-critical", 0.95, signal("unattributed-copy", 1.0, "same text as x:1"));
    Assessment high = assessment("x:" + run + "-high", 0.8, signal("unattributed-copy", 0.9, "near copy of x:1"));
    Assessment medium = assessment("x:" + run + "-medium", 0.6, signal("provenance-credentials", 1.0, "media with broken credentials"));
    Assessment low = assessment("x:" + run + "-low", 0.35, signal("link-credibility", 0.7, "links a poorly rated site"));
    Assessment quiet = assessment("x:" + run + "-quiet", 0.1, signal("missing-media-digest", 0.25, "one of four images without digest"));
    Assessment afterGarbage = assessment("x:" + run + "-after", 0.8, signal("unattributed-copy", 0.9, "near copy of x:2"));
    String garbage = "not an assessment " + run;
    Predicate<Alert> mine = a -> a.getPostIds().get(0).contains(run);

    try (StreamsStage stage = SinkService.start(config)) {
      stage.awaitRunning(Duration.ofSeconds(60));
      List<RecordMetadata> written = TopicRecords.produce(config, Topics.ASSESSMENTS, List.of(critical, high, medium, low, quiet), Assessment::getPostId);
      // same key as the assessment after it: the partition that met the garbage must go on
      RecordMetadata garbageAt = TopicRecords.produceRaw(config, Topics.ASSESSMENTS, afterGarbage.getPostId(), garbage);
      TopicRecords.produce(config, Topics.ASSESSMENTS, List.of(critical), Assessment::getPostId); // a repeat: suppressed
      RecordMetadata afterAt = TopicRecords.produce(config, Topics.ASSESSMENTS, List.of(afterGarbage), Assessment::getPostId).get(0);

      List<ConsumerRecord<String, Alert>> alerts = TopicRecords.readCommittedRecords(config, Topics.ALERTS, mine, 5);
      assertThat(alerts).as("one alert opened per alerting post, none for the quiet one, the repeat suppressed, no duplicates").hasSize(5)
          .extracting(r -> r.value().getPostIds().get(0)).containsExactlyInAnyOrder(
              critical.getPostId(), high.getPostId(), medium.getPostId(), low.getPostId(), afterGarbage.getPostId());
      assertThat(alerts).allSatisfy(r -> {
        assertThat(r.key()).isEqualTo(r.value().getAlertId());
        assertThat(r.value().getStatus()).isEqualTo(AlertStatus.OPENED);
        assertThat(r.value().getRevision()).isEqualTo(1);
      });
      assertThat(alerts).extracting(r -> ref(r.value().getLineage().getInputs().get(1)))
          .as("each input record raised its alert exactly once").doesNotHaveDuplicates();

      Alert criticalAlert = alerts.stream().map(ConsumerRecord::value).filter(a -> a.getPostIds().equals(List.of(critical.getPostId()))).findFirst().orElseThrow();
      assertThat(criticalAlert.getAlertId()).as("deterministic id").isEqualTo(AlertIds.of(AlertCategories.PROVENANCE_GAP,
          "post:" + critical.getPostId(), critical.getProcessedAt().toEpochMilli(), "m1", "r1"));
      assertThat(ref(criticalAlert.getLineage().getInputs().get(1))).isEqualTo(ref(written.get(0)));
      assertThat(alerts.stream().map(r -> r.value().getAlertId()).distinct()).as("distinct posts: distinct ids").hasSize(5);

      Alert highAlert = alerts.stream().map(ConsumerRecord::value).filter(a -> a.getPostIds().equals(List.of(high.getPostId()))).findFirst().orElseThrow();
      assertThat(highAlert.getSeverity()).isEqualTo(Severity.HIGH);
      assertThat(highAlert.getRisk()).isEqualTo(0.8);
      assertThat(highAlert.getReasons()).containsExactly("near copy of x:1");
      assertThat(highAlert.getEvidence()).containsEntry("unattributed-copy.originalPostId", "x:1");
      assertThat(highAlert.getCreatedAt()).isEqualTo(high.getProcessedAt());
      assertThat(highAlert.getLineage().getModelVersion()).isEqualTo("m1");
      assertThat(highAlert.getLineage().getRuleSetVersion()).isEqualTo("r1");
      assertThat(highAlert.getLineage().getInputs()).extracting(SinkIT::ref)
          .as("the post behind the assessment, then the assessment record itself")
          .containsExactly(ref(high.getInput()), ref(written.get(1)));

      assertSeverityTopic(config, Severity.CRITICAL, mine, critical.getPostId());
      assertSeverityTopic(config, Severity.HIGH, mine, high.getPostId(), afterGarbage.getPostId());
      assertSeverityTopic(config, Severity.MEDIUM, mine, medium.getPostId());
      assertSeverityTopic(config, Severity.LOW, mine, low.getPostId());
      assertSeverityTopic(config, Severity.INFO, mine);

      List<DeadLetter> letters = TopicRecords.readCommitted(config, Topics.ALERTS_DLQ,
          d -> StandardCharsets.UTF_8.decode(d.getRaw().duplicate()).toString().equals(garbage), 1);
      assertThat(letters).singleElement().satisfies(d -> {
        assertThat(d.getErrorCode()).isEqualTo("DESERIALIZATION");
        assertThat(d.getStage()).isEqualTo(SinkService.STAGE);
        assertThat(d.getSource()).isEqualTo(Topics.ASSESSMENTS.name());
        assertThat(d.getPosition()).isEqualTo(Topics.ASSESSMENTS.name() + "-" + garbageAt.partition() + "@" + garbageAt.offset());
      });
      assertThat(afterAt.partition()).isEqualTo(garbageAt.partition());
      assertThat(afterAt.offset()).isGreaterThan(garbageAt.offset());
      assertThat(stage.state()).as("the garbage did not stop the stage").isEqualTo(KafkaStreams.State.RUNNING);
    }
  }

  private static void assertSeverityTopic(ProvwatchConfig config, Severity severity, Predicate<Alert> mine, String... postIds) {
    List<ConsumerRecord<String, Alert>> records = TopicRecords.readCommittedRecords(config, Topics.alertsFor(severity), mine, postIds.length);
    assertThat(records).as("alerts on %s", Topics.alertsFor(severity).name())
        .allSatisfy(r -> {
          assertThat(r.value().getSeverity()).isEqualTo(severity);
          assertThat(r.key()).isEqualTo(r.value().getAlertId());
        })
        .extracting(r -> r.value().getPostIds().get(0)).containsExactlyInAnyOrder(postIds);
  }

  private static String ref(InputRef ref) {
    return ref.getTopic() + "-" + ref.getPartition() + "@" + ref.getOffset();
  }

  private static String ref(RecordMetadata written) {
    return written.topic() + "-" + written.partition() + "@" + written.offset();
  }
}
