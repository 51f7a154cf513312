package io.provwatch.scoring;

import static io.provwatch.scoring.Posts.post;
import static io.provwatch.scoring.claims.Claims.claim;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.ClaimVerdict;
import io.provwatch.avro.FactCheck;
import io.provwatch.avro.Post;
import io.provwatch.avro.Signal;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Claim matching on the real in-process broker: the claim bank follows factchecks while scoring runs. */
class ClaimMatchIT {
  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();

  private static Signal claimMatch(Assessment a) {
    return a.getSignals().stream().filter(s -> s.getName().equals("claim-match")).findFirst().orElseThrow();
  }

  @Test
  void claimsThatArriveFlagMatchingPostsAndALaterClaimUpdatesTheIndex() throws Exception {
    String run = SharedKafkaCluster.unique("claims");
    // the run id is part of every claim and post, so that claims other tests put in the shared factchecks topic never match here
    String tunnel = "Officials secretly plan to close the harbour tunnel " + run + " for ten whole years starting next month";
    String seawater = "Drinking two glasses of seawater " + run + " every morning cures the flu within a single day";
    ProvwatchConfig config = cluster.config(Map.of());
    TopicRecords.produce(config, Topics.FACTCHECKS, List.of(claim(run + ":1", tunnel, ClaimVerdict.FALSE, "Pants on Fire")), FactCheck::getId);

    try (StreamsStage stage = ScoringService.start(config)) {
      stage.awaitRunning(Duration.ofSeconds(60));
      TopicRecords.produce(config, Topics.POSTS, List.of(
          post("x:" + run + "-1", "alice", "Heads up!! officials secretly plan to close the harbour tunnel " + run
              + " for ten whole years starting next month. Share!", 0).build(),
          post("x:" + run + "-2", "bob", "Drinking two glasses of seawater " + run + " every morning cures the flu within a single day", 1).build()),
          Post::getId);
      List<Assessment> first = TopicRecords.readCommitted(config, Topics.ASSESSMENTS, a -> a.getPostId().contains(run), 2);
      Assessment flagged = first.stream().filter(a -> a.getPostId().endsWith("-1")).findFirst().orElseThrow();
      assertThat(claimMatch(flagged).getScore()).isGreaterThanOrEqualTo(0.6);
      assertThat(claimMatch(flagged).getReasons()).first().asString().contains(tunnel, "Pants on Fire", "https://factcheck.example/");
      assertThat(flagged.getRisk()).isGreaterThanOrEqualTo(0.48);
      assertThat(claimMatch(first.stream().filter(a -> a.getPostId().endsWith("-2")).findFirst().orElseThrow()).getScore())
          .as("no such claim in the bank yet").isZero();

      TopicRecords.produce(config, Topics.FACTCHECKS, List.of(claim(run + ":2", seawater, ClaimVerdict.FALSE, "False")), FactCheck::getId);
      // the global store catches up asynchronously: post again until the new claim is seen, each post a new id
      Assessment later = null;
      for (int attempt = 3; later == null || claimMatch(later).getScore() == 0; attempt++) {
        assertThat(attempt).as("the new claim reached the index within 30 posts").isLessThan(33);
        String id = "x:" + run + "-" + attempt;
        TopicRecords.produce(config, Topics.POSTS, List.of(post(id, "carol", "Drinking two glasses of seawater " + run
            + " every morning cures the flu within a single day", attempt).build()), Post::getId);
        later = TopicRecords.readCommitted(config, Topics.ASSESSMENTS, a -> a.getPostId().equals(id), 1).get(0);
      }
      assertThat(claimMatch(later).getEvidence()).containsEntry("claimId", run + ":2").containsEntry("verdict", "FALSE");
    }
  }
}
