package io.provwatch.sink;

import static io.provwatch.sink.Assessments.T0;
import static io.provwatch.sink.Assessments.assessment;
import static io.provwatch.sink.Assessments.campaign;
import static io.provwatch.sink.Assessments.signal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.avro.Alert;
import io.provwatch.avro.AlertStatus;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.Severity;
import io.provwatch.avro.Signal;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.explain.ExplainStore;
import io.provwatch.platform.testing.TopologyTests;
import io.provwatch.platform.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production sink topology, as AlertTopologyBuilder builds it, on TopologyTestDriver. */
class AlertTopologyTest {
  private static final Duration QUIET = Duration.ofMinutes(30);
  private static final Duration SUPPRESSION = Duration.ofHours(2);

  @TempDir Path dir;
  private ProvwatchConfig config;
  private TopologyTestDriver driver;
  private TestInputTopic<String, Assessment> assessments;
  private TestOutputTopic<String, Alert> alerts;

  @BeforeEach
  void start() {
    config = config(dir, Map.of());
    driver = driver(config);
    assessments = TopologyTests.input(driver, Topics.ASSESSMENTS, config);
    alerts = TopologyTests.output(driver, Topics.ALERTS, config);
  }

  @AfterEach
  void stop() {
    driver.close();
    TopologyTests.release(config);
  }

  static ProvwatchConfig config(Path dir, Map<String, String> overrides) {
    Map<String, String> props = new HashMap<>(Map.of(
        ProvwatchConfig.SINK_SEVERITY_THRESHOLDS, "critical=0.95,high=0.8,medium=0.5,low=0.3",
        ProvwatchConfig.SINK_ALERT_QUIET_PERIOD_MS, Long.toString(QUIET.toMillis()),
        ProvwatchConfig.SINK_ALERT_SUPPRESSION_WINDOW_MS, Long.toString(SUPPRESSION.toMillis()),
        ProvwatchConfig.SINK_ALERT_MAX_POST_IDS, "3",
        ProvwatchConfig.SINK_ALERTS_JSON_ENABLED, "true"));
    props.putAll(overrides);
    return TopologyTests.config(dir, props);
  }

  static TopologyTestDriver driver(ProvwatchConfig config) {
    return TopologyTests.driver(AlertTopologyBuilder.fromConfig(config).build(), config, SinkService.STAGE, Topics.ALERTS_DLQ);
  }

  private void pipe(Assessment a) {
    assessments.pipeInput(new TestRecord<>(a.getPostId(), a, a.getProcessedAt()));
  }

  private static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  @Test
  void aRiskyAssessmentOpensAnAlertWithReasonsAndLineage() {
    pipe(assessment("x:9", 0.9, signal("unattributed-copy", 1.0, "same text as x:1"), signal("unseen-original", 0.0, "")));
    var record = alerts.readRecord();
    Alert alert = record.value();
    assertThat(record.key()).isEqualTo(alert.getAlertId())
        .isEqualTo(AlertIds.of("provenance-gap", "post:x:9", T0.plusSeconds(5).toEpochMilli(), "m1", "r1"));
    assertThat(alert.getStatus()).isEqualTo(AlertStatus.OPENED);
    assertThat(alert.getRevision()).isEqualTo(1);
    assertThat(alert.getSeverity()).isEqualTo(Severity.HIGH);
    assertThat(alert.getCategory()).isEqualTo("provenance-gap");
    assertThat(alert.getGroupKey()).isEqualTo("post:x:9");
    assertThat(alert.getPostIds()).containsExactly("x:9");
    assertThat(alert.getPostCount()).isEqualTo(1);
    assertThat(alert.getReasons()).containsExactly("same text as x:1");
    assertThat(alert.getEvidence()).containsEntry("unattributed-copy.originalPostId", "x:1").doesNotContainKey("unseen-original.score");
    assertThat(alert.getCreatedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(alert.getFirstSeenAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(alert.getLastSeenAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(alert.getLineage().getInputs()).hasSize(2);
    assertThat(alert.getLineage().getInputs().get(0).getOffset()).isEqualTo(41);
    assertThat(alert.getLineage().getInputs().get(1).getTopic()).isEqualTo("assessments");
    assertThat(alert.getLineage().getModelVersion()).isEqualTo("m1");
    assertThat(alert.getLineage().getConfigHash()).as("today's assessments carry no config hash").isEmpty();
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void changesAreRoutedToTheirSeverityTopicAndLowRiskRaisesNone() {
    pipe(assessment("x:1", 0.99, signal("unattributed-copy", 1.0, "c")));
    pipe(assessment("x:2", 0.6, signal("link-credibility", 1.0, "l")));
    pipe(assessment("x:3", 0.1, signal("missing-media-digest", 0.25, "m")));
    assertThat(alerts.readValuesToList()).extracting(Alert::getSeverity).containsExactly(Severity.CRITICAL, Severity.MEDIUM);
    assertThat(TopologyTests.output(driver, Topics.alertsFor(Severity.CRITICAL), config).readValuesToList())
        .extracting(a -> a.getPostIds().get(0)).containsExactly("x:1");
    assertThat(TopologyTests.output(driver, Topics.alertsFor(Severity.MEDIUM), config).readValuesToList())
        .extracting(a -> a.getPostIds().get(0)).containsExactly("x:2");
    assertThat(TopologyTests.output(driver, Topics.alertsFor(Severity.LOW), config).isEmpty()).isTrue();
  }

  @Test
  void contextOnlySignalsOpenNoAlertAndNameNoneTheyAddTo() {
    pipe(assessment("x:r", 0.3, signal("unseen-original", 0.6, "repost of x:0, a post never seen")));
    pipe(assessment("x:m", 0.4, signal("missing-media-digest", 1.0, "1 of 1 media attachment(s) have no digest")));
    assertThat(alerts.isEmpty()).as("weak context alone").isTrue();

    pipe(assessment("x:a", 0.65, signal("unseen-original", 0.6, "repost of x:0, a post never seen"), signal("ai-text", 0.5, "likely machine-written")));
    Alert alert = alerts.readValue();
    assertThat(alert.getCategory()).as("named by the signal that opened it, not the stronger context").isEqualTo(AlertCategories.AI_TEXT);
    assertThat(alert.getReasons()).as("the context stays on the alert").containsExactly("repost of x:0, a post never seen", "likely machine-written");
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void oneAccountsManyRepostsOfUnseenOriginalsAreOneAlertOfThatAccountOpenedAtTheFifthAndUpdatedAsItGrows() {
    for (int i = 0; i < 6; i++) {
      pipe(Assessment.newBuilder(assessment("x:r" + i, 0.3, at(i), signal("unseen-original", 0.6, "repost of x:o" + i + ", a post never seen")))
          .setAuthorId("reposter").build());
      if (i == 3) {
        assertThat(alerts.isEmpty()).as("four findings: still gathering").isTrue();
      }
    }
    pipe(Assessment.newBuilder(assessment("x:other", 0.3, at(6), signal("unseen-original", 0.6, "repost of x:o9, a post never seen")))
        .setAuthorId("someone-else").build());
    List<Alert> out = alerts.readValuesToList();
    assertThat(out).extracting(Alert::getStatus).containsExactly(AlertStatus.OPENED, AlertStatus.UPDATED);
    assertThat(out).extracting(Alert::getGroupKey).containsOnly("account:x:reposter");
    assertThat(out).extracting(Alert::getAlertId).containsOnly(out.get(0).getAlertId());
    assertThat(out.get(0).getPostIds()).as("listed up to the cap of 3").containsExactly("x:r0", "x:r1", "x:r2");
    assertThat(out.get(0).getPostCount()).isEqualTo(5);
    assertThat(out.get(0).getCategory()).isEqualTo(AlertCategories.PROVENANCE_GAP);
    assertThat(out.get(0).getSeverity()).isEqualTo(Severity.LOW);
    assertThat(out.get(1).getPostCount()).isEqualTo(6);
    assertThat(out.get(1).getReasons()).hasSize(6).contains("repost of x:o5, a post never seen");
  }

  @Test
  void withTheOpeningSignalsSettingEmptyEverySignalOpensAsBefore(@TempDir Path otherDir) {
    ProvwatchConfig everyone = config(otherDir, Map.of(ProvwatchConfig.SINK_ALERT_OPEN_MIN_SCORES, ""));
    try (TopologyTestDriver other = driver(everyone)) {
      TopologyTests.input(other, Topics.ASSESSMENTS, everyone).pipeInput("x:r", assessment("x:r", 0.3, signal("unseen-original", 0.6, "unseen")), T0);
      assertThat(TopologyTests.output(other, Topics.ALERTS, everyone).readValuesToList())
          .singleElement().satisfies(a -> assertThat(a.getCategory()).isEqualTo(AlertCategories.PROVENANCE_GAP));
    } finally {
      TopologyTests.release(everyone);
    }
  }

  @Test
  void theSamePostAgainWithinTheWindowIsSuppressedAndNewEvidenceUpdatesTheAlert() {
    Assessment first = assessment("x:5", 0.6, at(0), signal("unattributed-copy", 1.0, "same text as x:1"));
    pipe(first);
    pipe(assessment("x:5", 0.6, at(1), signal("unattributed-copy", 1.0, "same text as x:1")));
    pipe(assessment("x:5", 0.85, at(2), signal("unattributed-copy", 1.0, "same text as x:1"), signal("unseen-original", 0.5, "reposts x:0, never seen")));
    List<Alert> out = alerts.readValuesToList();
    assertThat(out).as("the repeat with nothing new adds no change").hasSize(2);
    assertThat(out).extracting(Alert::getAlertId).containsOnly(out.get(0).getAlertId());
    assertThat(out).extracting(Alert::getStatus).containsExactly(AlertStatus.OPENED, AlertStatus.UPDATED);
    assertThat(out).extracting(Alert::getRevision).containsExactly(1, 2);
    Alert updated = out.get(1);
    assertThat(updated.getSeverity()).as("raised with the risk").isEqualTo(Severity.HIGH);
    assertThat(updated.getRisk()).isEqualTo(0.85);
    assertThat(updated.getReasons()).containsExactly("same text as x:1", "reposts x:0, never seen");
    assertThat(updated.getPostIds()).containsExactly("x:5");
    assertThat(updated.getCreatedAt()).isEqualTo(at(0));
    assertThat(updated.getLastSeenAt()).isEqualTo(at(2));
    assertThat(updated.getUpdatedAt()).isEqualTo(at(2));
    assertThat(TopologyTests.output(driver, Topics.alertsFor(Severity.HIGH), config).readValuesToList())
        .extracting(Alert::getRevision).containsExactly(2);
  }

  @Test
  void campaignMembersJoinOneAlertThatListsThemUpToTheCapAndCountsThemAll() {
    for (int i = 0; i < 5; i++) {
      pipe(assessment("x:c" + i, 0.7, at(i), campaign("camp-7", 0.8), signal("unattributed-copy", i == 2 ? 1.0 : 0.0, "copy of x:1")));
    }
    pipe(assessment("x:solo", 0.7, at(5), signal("coordination", 0.6, "in step with others", Map.of())));
    List<Alert> out = alerts.readValuesToList();
    List<Alert> campaign = out.stream().filter(a -> a.getGroupKey().equals("campaign:camp-7")).toList();
    assertThat(campaign).hasSize(5).extracting(Alert::getAlertId).containsOnly(campaign.get(0).getAlertId());
    assertThat(campaign).extracting(Alert::getRevision).containsExactly(1, 2, 3, 4, 5);
    assertThat(campaign).extracting(Alert::getPostCount).containsExactly(1, 2, 3, 4, 5);
    assertThat(campaign).allSatisfy(a -> assertThat(a.getCategory()).as("a campaign alert is about coordination, whatever its posts' top signal").isEqualTo("coordination"));
    Alert last = campaign.get(4);
    assertThat(last.getPostIds()).as("capped at sink.alert.max.post.ids").containsExactly("x:c0", "x:c1", "x:c2");
    assertThat(last.getReasons()).containsExactly("posted in step with campaign camp-7", "copy of x:1");
    assertThat(last.getEvidence()).containsEntry("coordination.campaignId", "camp-7");
    assertThat(last.getFirstSeenAt()).isEqualTo(at(0));
    assertThat(last.getLastSeenAt()).isEqualTo(at(4));
    assertThat(last.getLineage().getInputs()).as("the listed posts' records, then those of the assessment behind the change").hasSize(8);
    assertThat(out).filteredOn(a -> a.getGroupKey().equals("post:x:solo")).as("coordination without a campaign id: the post's own alert")
        .singleElement().satisfies(a -> assertThat(a.getCategory()).isEqualTo("coordination"));
  }

  @Test
  void anAlertClosesWhenStreamTimePassesItsQuietPeriodAndARepeatInsideTheSuppressionWindowReopensIt() {
    pipe(assessment("x:q", 0.6, at(0), signal("unattributed-copy", 1.0, "copy")));
    pipe(assessment("x:other", 0.6, at(29), signal("provenance-credentials", 1.0, "broken credentials")));
    assertThat(alerts.readValuesToList()).extracting(Alert::getStatus).as("30 minutes not yet passed").containsExactly(AlertStatus.OPENED, AlertStatus.OPENED);

    // stream time moves on through another key's assessment only: the stream-time punctuator closes x:q
    pipe(assessment("x:later", 0.6, at(45), signal("provenance-credentials", 1.0, "broken credentials")));
    List<Alert> out = alerts.readValuesToList();
    Alert closed = out.stream().filter(a -> a.getStatus() == AlertStatus.CLOSED).findFirst().orElseThrow();
    assertThat(closed.getGroupKey()).isEqualTo("post:x:q");
    assertThat(closed.getRevision()).isEqualTo(2);
    assertThat(closed.getUpdatedAt()).as("last seen plus the quiet period, not when the check ran").isEqualTo(at(30));
    assertThat(out).filteredOn(a -> a.getGroupKey().equals("post:x:later")).extracting(Alert::getStatus).containsExactly(AlertStatus.OPENED);

    pipe(assessment("x:q", 0.6, at(60), signal("unattributed-copy", 1.0, "copy")));
    Alert reopened = alerts.readValuesToList().stream().filter(a -> a.getGroupKey().equals("post:x:q")).findFirst().orElseThrow();
    assertThat(reopened.getAlertId()).as("within the suppression window: the same alert").isEqualTo(closed.getAlertId());
    assertThat(reopened.getStatus()).isEqualTo(AlertStatus.UPDATED);
    assertThat(reopened.getRevision()).isEqualTo(3);

    // quiet again, then a repeat long after the suppression window: a new alert with a new id
    pipe(assessment("x:q", 0.6, at(60 + 200), signal("unattributed-copy", 1.0, "copy")));
    List<Alert> late = alerts.readValuesToList().stream().filter(a -> a.getGroupKey().equals("post:x:q")).toList();
    assertThat(late).extracting(Alert::getStatus).containsExactly(AlertStatus.CLOSED, AlertStatus.OPENED);
    assertThat(late.get(0).getAlertId()).isEqualTo(closed.getAlertId());
    assertThat(late.get(0).getRevision()).isEqualTo(4);
    assertThat(late.get(1).getAlertId()).isNotEqualTo(closed.getAlertId());
    assertThat(late.get(1).getRevision()).isEqualTo(1);

    KeyValueStore<String, Alert> lifecycles = driver.getKeyValueStore(AlertTopologyBuilder.LIFECYCLES_STORE);
    assertThat(lifecycles.get("provenance-gap|post:x:other")).as("closed and past its suppression window: forgotten").isNull();
    assertThat(lifecycles.get("provenance-gap|post:x:q").getStatus()).isEqualTo(AlertStatus.OPENED);
    KeyValueStore<String, String> byDue = driver.getKeyValueStore(AlertTopologyBuilder.DUE_STORE);
    assertThat(entries(byDue)).as("one due entry per lifecycle kept").hasSameSizeAs(entries(lifecycles))
        .allSatisfy(key -> assertThat(lifecycles.get(key)).isNotNull());
  }

  @Test
  void aQuietAlertClosesJustBeforeTheRecordThatMovedStreamTimePastItsQuietPeriod() {
    // the punctuation may run after any number of records; closing before each record fixes where CLOSED lands
    pipe(assessment("x:q", 0.6, at(0), signal("unattributed-copy", 1.0, "copy")));
    pipe(assessment("x:later", 0.6, at(45), signal("provenance-credentials", 1.0, "broken credentials")));
    assertThat(alerts.readValuesToList()).extracting(a -> a.getGroupKey() + " " + a.getStatus())
        .containsExactly("post:x:q OPENED", "post:x:q CLOSED", "post:x:later OPENED");
  }

  @Test
  void theStoreHoldsTheLatestChangeOfEachAlertIdAndTheJsonMirrorHasEveryChange() throws Exception {
    pipe(assessment("x:c0", 0.6, at(0), campaign("camp-1", 0.8)));
    pipe(assessment("x:c1", 0.9, at(1), campaign("camp-1", 0.9)));
    List<Alert> out = alerts.readValuesToList();
    WindowStore<String, Alert> store = driver.getWindowStore(AlertTopologyBuilder.ALERTS_BY_ID_STORE);
    assertThat(ExplainStore.latest(store, out.get(0).getAlertId())).isEqualTo(out.get(1));

    List<TestRecord<String, String>> json = TopologyTests.output(driver, Topics.ALERTS_JSON, config).readRecordsToList();
    assertThat(json).hasSize(2).allSatisfy(r -> assertThat(r.key()).isEqualTo(out.get(0).getAlertId()));
    JsonNode second = new ObjectMapper().readTree(json.get(1).value());
    assertThat(second.get("status").asText()).isEqualTo("UPDATED");
    assertThat(second.get("revision").asInt()).isEqualTo(2);
    assertThat(second.get("postIds")).hasSize(2);
    assertThat(second.at("/lineage/configHash").asText()).isEmpty();
  }

  @Test
  void anAlertIsQueryableForTheExplainRetentionOfEventTimeAndATombstoneDeletesIt() {
    stop();
    // alerts that neither close nor repeat within the test, so that each post gives one OPENED change at its time
    config = config(dir.resolve("explain"), Map.of(ProvwatchConfig.EXPLAIN_RETENTION_MS, Long.toString(Duration.ofHours(1).toMillis()),
        ProvwatchConfig.SINK_ALERT_QUIET_PERIOD_MS, Long.toString(Duration.ofDays(10).toMillis()),
        ProvwatchConfig.SINK_ALERT_SUPPRESSION_WINDOW_MS, Long.toString(Duration.ofDays(20).toMillis())));
    driver = driver(config);
    assessments = TopologyTests.input(driver, Topics.ASSESSMENTS, config);
    alerts = TopologyTests.output(driver, Topics.ALERTS, config);
    WindowStore<String, Alert> byIdStore = driver.getWindowStore(AlertTopologyBuilder.ALERTS_BY_ID_STORE);
    java.util.function.Function<String, Alert> byId = id -> ExplainStore.latest(byIdStore, id);

    pipe(assessment("x:e1", 0.6, at(0), signal("unattributed-copy", 1.0, "copy")));
    pipe(assessment("x:e2", 0.6, at(30), signal("unattributed-copy", 1.0, "copy")));
    List<Alert> opened = alerts.readValuesToList();
    assertThat(opened).hasSize(2).allMatch(a -> a.getStatus() == AlertStatus.OPENED);
    Alert first = opened.get(0);
    Alert second = opened.get(1);
    assertThat(byId.apply(first.getAlertId())).as("30 minutes old, within the retention").isEqualTo(first);

    // 61 minutes after the first alert: older than the retention by the step's clock, gone at this record
    pipe(assessment("x:e3", 0.6, at(61), signal("unattributed-copy", 1.0, "copy")));
    Alert third = alerts.readValue();
    assertThat(byId.apply(first.getAlertId())).as("older than the retention").isNull();
    assertThat(byId.apply(second.getAlertId())).isEqualTo(second);
    assertThat(TopologyTests.latestKeysOf(driver, AlertTopologyBuilder.ALERTS_BY_ID_STORE))
        .containsExactlyInAnyOrder(second.getAlertId(), third.getAlertId());

    TestInputTopic<String, Alert> alertsIn = TopologyTests.input(driver, Topics.ALERTS, config);
    alertsIn.pipeInput(second.getAlertId(), null, at(62));
    assertThat(byId.apply(second.getAlertId())).as("tombstone").isNull();
    assertThat(TopologyTests.latestKeysOf(driver, AlertTopologyBuilder.ALERTS_BY_ID_STORE)).containsExactly(third.getAlertId());
  }

  @Test
  void theSameInputTwiceGivesByteIdenticalOutputs(@TempDir Path otherDir) {
    List<Assessment> input = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Signal top = i % 3 == 0 ? campaign("camp-" + (i % 2), 0.8) : signal(i % 2 == 0 ? "ai-text" : "unattributed-copy", 0.9, "reason " + i % 4);
      input.add(assessment("x:d" + (i % 5), 0.4 + 0.05 * i, at(i * 7), top));
    }
    String registry = config.getList(ProvwatchConfig.SCHEMA_REGISTRY_URL).get(0);
    ProvwatchConfig second = config(otherDir, Map.of(ProvwatchConfig.SCHEMA_REGISTRY_URL, registry));
    List<String> firstRun = run(driver, config, input);
    try (TopologyTestDriver again = driver(second)) {
      List<String> secondRun = run(again, second, input);
      assertThat(firstRun).as("alerts with closes, reopens and campaigns").hasSizeGreaterThan(12);
      assertThat(firstRun).anySatisfy(s -> assertThat(s).contains("CLOSED"));
      assertThat(secondRun).isEqualTo(firstRun);
    }
  }

  /** The values of an index store, or the keys of any other. */
  private static List<String> entries(KeyValueStore<String, ?> store) {
    List<String> out = new ArrayList<>();
    try (var all = store.all()) {
      all.forEachRemaining(kv -> out.add(kv.value instanceof String key ? key : kv.key));
    }
    return out;
  }

  /** Pipes {@code input} and returns every output record of alerts and alerts.json as key, timestamp and value bytes. */
  private static List<String> run(TopologyTestDriver driver, ProvwatchConfig config, List<Assessment> input) {
    TestInputTopic<String, Assessment> in = TopologyTests.input(driver, Topics.ASSESSMENTS, config);
    input.forEach(a -> in.pipeInput(new TestRecord<>(a.getPostId(), a, a.getProcessedAt())));
    List<String> records = new ArrayList<>();
    for (String topic : List.of(Topics.ALERTS.name(), Topics.ALERTS_JSON.name())) {
      var out = driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      for (TestRecord<byte[], byte[]> r : out.readRecordsToList()) {
        String value = topic.endsWith(".json") ? new String(r.value(), java.nio.charset.StandardCharsets.UTF_8) : Arrays.toString(r.value());
        records.add(topic + " " + new String(r.key(), java.nio.charset.StandardCharsets.UTF_8) + " " + r.timestamp() + " " + value);
      }
    }
    return records;
  }
}
