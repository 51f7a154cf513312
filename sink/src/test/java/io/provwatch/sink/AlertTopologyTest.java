package io.provwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Alert;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Severity;
import io.provwatch.avro.Signal;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.testing.TopologyTests;
import io.provwatch.platform.topics.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production sink topology, as AlertTopologyBuilder builds it, on TopologyTestDriver. */
class AlertTopologyTest {
  @TempDir Path dir;
  private ProvwatchConfig config;
  private TopologyTestDriver driver;
  private TestInputTopic<String, Assessment> assessments;
  private TestOutputTopic<String, Alert> alerts;

  @BeforeEach
  void start() {
    config = TopologyTests.config(dir, Map.of(ProvwatchConfig.SINK_SEVERITY_THRESHOLDS, "critical=0.95,high=0.8,medium=0.5,low=0.3"));
    driver = TopologyTests.driver(AlertTopologyBuilder.fromConfig(config).build(), config, SinkService.STAGE, Topics.ALERTS_DLQ);
    assessments = TopologyTests.input(driver, Topics.ASSESSMENTS, config);
    alerts = TopologyTests.output(driver, Topics.ALERTS, config);
  }

  @AfterEach
  void stop() {
    driver.close();
    TopologyTests.release(config);
  }

  static Assessment assessment(String postId, double risk, Signal... signals) {
    return Assessment.newBuilder()
        .setPostId(postId).setPlatform("x").setAuthorId("a").setPostCreatedAt(Instant.parse("2026-11-20T09:00:00Z"))
        .setSignals(List.of(signals)).setRisk(risk).setModelVersion("m1").setRuleSetVersion("r1")
        .setProcessedAt(Instant.parse("2026-11-20T09:00:05Z"))
        .setInput(InputRef.newBuilder().setTopic("posts").setPartition(2).setOffset(41).build())
        .build();
  }

  static Signal signal(String name, double score, String reason) {
    return Signal.newBuilder().setName(name).setScore(score).setReasons(List.of(reason)).setEvidence(Map.of("originalPostId", "x:1")).build();
  }

  @Test
  void aRiskyAssessmentBecomesAnAlertWithReasonsAndLineage() {
    assessments.pipeInput("x:9", assessment("x:9", 0.9, signal("unattributed-copy", 1.0, "same text as x:1"), signal("unseen-original", 0.0, "")));
    var record = alerts.readRecord();
    Alert alert = record.value();
    assertThat(record.key()).isEqualTo(alert.getAlertId());
    assertThat(alert.getSeverity()).isEqualTo(Severity.HIGH);
    assertThat(alert.getCategory()).isEqualTo("provenance-gap");
    assertThat(alert.getPostIds()).containsExactly("x:9");
    assertThat(alert.getReasons()).containsExactly("same text as x:1");
    assertThat(alert.getEvidence()).containsEntry("unattributed-copy.originalPostId", "x:1").doesNotContainKey("unseen-original.score");
    assertThat(alert.getCreatedAt()).isEqualTo(Instant.parse("2026-11-20T09:00:05Z"));
    assertThat(alert.getLineage().getInputs()).hasSize(2);
    assertThat(alert.getLineage().getInputs().get(0).getOffset()).isEqualTo(41);
    assertThat(alert.getLineage().getInputs().get(1).getTopic()).isEqualTo("assessments");
    assertThat(alert.getLineage().getModelVersion()).isEqualTo("m1");
  }

  @Test
  void alertsAreRoutedToTheirSeverityTopicAndLowRiskRaisesNone() {
    assessments.pipeInput("x:1", assessment("x:1", 0.99, signal("unattributed-copy", 1.0, "c")));
    assessments.pipeInput("x:2", assessment("x:2", 0.6, signal("unseen-original", 1.0, "u")));
    assessments.pipeInput("x:3", assessment("x:3", 0.1, signal("missing-media-digest", 0.25, "m")));
    assertThat(alerts.readValuesToList()).extracting(Alert::getSeverity).containsExactly(Severity.CRITICAL, Severity.MEDIUM);
    assertThat(TopologyTests.output(driver, Topics.alertsFor(Severity.CRITICAL), config).readValuesToList())
        .extracting(a -> a.getPostIds().get(0)).containsExactly("x:1");
    assertThat(TopologyTests.output(driver, Topics.alertsFor(Severity.MEDIUM), config).readValuesToList())
        .extracting(a -> a.getPostIds().get(0)).containsExactly("x:2");
    assertThat(TopologyTests.output(driver, Topics.alertsFor(Severity.LOW), config).isEmpty()).isTrue();
  }

  @Test
  void theSameAssessmentTwiceGivesTheSameAlertId() {
    Assessment a = assessment("x:5", 0.9, signal("unattributed-copy", 1.0, "c"));
    assessments.pipeInput("x:5", a);
    assessments.pipeInput("x:5", a);
    List<Alert> out = alerts.readValuesToList();
    assertThat(out).hasSize(2);
    assertThat(out.get(0).getAlertId()).isEqualTo(out.get(1).getAlertId());
  }
}
