package io.provwatch.scoring.secondtier;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.Author;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.ScoringService;
import io.provwatch.scoring.aitext.HandWrittenTexts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scoring stage with the second tier on, on the real in-process broker under exactly_once_v2:
 * the answer, forwarded from a wall-clock punctuation, is committed as an updated assessment.
 */
class SecondTierIT {
  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();

  @Test
  void aFlaggedPostGetsItsFirstTierAssessmentAndThenTheUpdatedOne() throws Exception {
    String run = SharedKafkaCluster.unique("tier2");
    try (StandInDetector detector = new StandInDetector()) {
      ProvwatchConfig config = cluster.config(Map.of(ProvwatchConfig.SCORING_SECOND_TIER_URL, detector.endpoint().toString()));
      Instant t = Instant.parse("2026-11-20T09:00:00Z");
      Post post = Post.newBuilder().setId("mastodon:" + run).setPlatform("mastodon").setAuthor(Author.newBuilder().setId("a").build())
          .setCreatedAt(t).setObservedAt(t).setText(HandWrittenTexts.MACHINE.get(1))
          .setSource(SourcePosition.newBuilder().setConnector("test").setPosition(run).build()).build();
      try (StreamsStage stage = ScoringService.start(config)) {
        stage.awaitRunning(Duration.ofSeconds(60));
        TopicRecords.produce(config, Topics.POSTS, List.of(post), Post::getId);
        List<Assessment> both = TopicRecords.readCommitted(config, Topics.ASSESSMENTS, a -> a.getPostId().equals(post.getId()), 2);
        assertThat(both).hasSize(2);
        assertThat(both.get(0).getSignals()).extracting(s -> s.getName()).doesNotContain(SecondTierAssess.SIGNAL);
        assertThat(both.get(1).getSignals()).extracting(s -> s.getName()).endsWith(SecondTierAssess.SIGNAL);
        assertThat(both.get(1).getRisk()).isGreaterThan(both.get(0).getRisk());
        assertThat(both.get(1).getModelVersion()).endsWith("+tier2-stand-in");
        assertThat(detector.requests()).isEqualTo(1);
      }
    }
  }
}
