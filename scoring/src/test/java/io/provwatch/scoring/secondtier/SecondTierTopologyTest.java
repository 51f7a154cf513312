package io.provwatch.scoring.secondtier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.Author;
import io.provwatch.avro.Post;
import io.provwatch.avro.Signal;
import io.provwatch.avro.SourcePosition;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.testing.TopologyTests;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.RiskCombiner;
import io.provwatch.scoring.ScoringService;
import io.provwatch.scoring.ScoringTopologyBuilder;
import io.provwatch.scoring.aitext.HandWrittenTexts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scoring topology with the second tier on, against a stand-in detector on 127.0.0.1. */
class SecondTierTopologyTest {
  @TempDir Path dir;
  private final StandInDetector detector = new StandInDetector();
  private ProvwatchConfig config;
  private TopologyTestDriver driver;
  private TestInputTopic<String, Post> posts;
  private TestOutputTopic<String, Assessment> assessments;
  private final List<Assessment> received = new ArrayList<>();

  SecondTierTopologyTest() throws Exception {}

  private void start(ProvwatchConfig settings) {
    config = settings;
    driver = TopologyTests.driver(ScoringTopologyBuilder.fromConfig(config).build(), config, ScoringService.STAGE, Topics.ASSESSMENTS_DLQ);
    posts = TopologyTests.input(driver, Topics.POSTS, config);
    assessments = TopologyTests.output(driver, Topics.ASSESSMENTS, config);
  }

  private void startWithSecondTier() {
    start(TopologyTests.config(dir, Map.of(ProvwatchConfig.PROCESSING_GUARANTEE, "at_least_once",
        ProvwatchConfig.SCORING_SECOND_TIER_URL, detector.endpoint().toString(),
        ProvwatchConfig.SCORING_SECOND_TIER_THRESHOLD, "0.9",
        ProvwatchConfig.SCORING_SECOND_TIER_TIMEOUT_MS, "500")));
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.close();
      TopologyTests.release(config);
    }
    detector.close();
  }

  private void send(String id, String text) {
    Instant t = Instant.parse("2026-11-20T09:00:00Z");
    Post post = Post.newBuilder().setId(id).setPlatform("mastodon").setAuthor(Author.newBuilder().setId("a").build())
        .setCreatedAt(t).setObservedAt(t).setText(text)
        .setSource(SourcePosition.newBuilder().setConnector("test").setPosition(id).build()).build();
    posts.pipeInput(id, post, t);
  }

  /** Lets wall-clock time pass (the punctuation forwards answers) until {@code count} assessments came. */
  private List<Assessment> awaitAssessments(int count) {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      driver.advanceWallClockTime(Duration.ofMillis(100));
      received.addAll(assessments.readValuesToList());
      assertThat(received).hasSizeGreaterThanOrEqualTo(count);
    });
    return received;
  }

  private static Optional<Signal> signal(Assessment a, String name) {
    return a.getSignals().stream().filter(s -> s.getName().equals(name)).findFirst();
  }

  @Test
  void aFlaggedPostIsAssessedAtOnceAndUpdatedWhenTheSecondTierAnswers() {
    startWithSecondTier();
    send("mastodon:1", HandWrittenTexts.MACHINE.get(1));
    Assessment first = assessments.readValue();
    assertThat(signal(first, "ai-text").orElseThrow().getScore()).as("first tier, forwarded without waiting").isGreaterThanOrEqualTo(0.9);
    assertThat(signal(first, SecondTierAssess.SIGNAL)).isEmpty();

    Assessment updated = awaitAssessments(1).get(0);
    assertThat(updated.getPostId()).isEqualTo("mastodon:1");
    Signal second = signal(updated, SecondTierAssess.SIGNAL).orElseThrow();
    assertThat(second.getScore()).isEqualTo(0.97);
    assertThat(second.getReasons()).singleElement().asString().contains("stand-in").contains("0.97");
    assertThat(updated.getModelVersion()).isEqualTo(first.getModelVersion() + "+tier2-stand-in");
    assertThat(updated.getRisk()).isGreaterThan(first.getRisk())
        .isEqualTo(RiskCombiner.defaults().combine(updated.getSignals()));
    assertThat(updated.getInput()).as("same lineage").isEqualTo(first.getInput());
    assertThat(detector.lastBody).contains("\"postId\":\"mastodon:1\"");
  }

  @Test
  void postsBelowTheThresholdAreNotSentAndAFailingDetectorLeavesTheFirstTierAssessment() {
    startWithSecondTier();
    send("mastodon:2", HandWrittenTexts.HUMAN.get(1));
    assertThat(assessments.readValuesToList()).hasSize(1);
    driver.advanceWallClockTime(Duration.ofMillis(500));
    assertThat(detector.requests()).as("a human-written post is not sent").isZero();

    detector.mode(StandInDetector.Mode.FAIL);
    send("mastodon:3", HandWrittenTexts.MACHINE.get(1));
    assertThat(assessments.readValuesToList()).hasSize(1);
    await().atMost(Duration.ofSeconds(20)).until(() -> detector.requests() == 1);
    for (int i = 0; i < 5; i++) {
      driver.advanceWallClockTime(Duration.ofMillis(100));
    }
    assertThat(assessments.readValuesToList()).as("no update after a failure").isEmpty();
  }

  @Test
  void withoutAUrlTheSecondTierIsOff() {
    start(TopologyTests.config(dir, Map.of(ProvwatchConfig.PROCESSING_GUARANTEE, "at_least_once")));
    send("mastodon:4", HandWrittenTexts.MACHINE.get(1));
    assertThat(assessments.readValuesToList()).hasSize(1);
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertThat(assessments.readValuesToList()).isEmpty();
    assertThat(detector.requests()).isZero();
    assertThat(SecondTierSettings.fromConfig(config)).isEmpty();
  }
}
