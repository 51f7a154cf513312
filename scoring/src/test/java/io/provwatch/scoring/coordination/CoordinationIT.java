package io.provwatch.scoring.coordination;

import static io.provwatch.scoring.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.Campaign;
import io.provwatch.avro.Post;
import io.provwatch.avro.Signal;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.ScoringService;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Coordination on the real in-process broker and registry, under exactly_once_v2, across the topology's repartition topics. */
class CoordinationIT {
  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();

  @Test
  void accountsPostingTheSameLinkWithinTheWindowMakeACampaignAndTheLaterMembersCarryTheSignal() throws Exception {
    String run = SharedKafkaCluster.unique("coord");
    ProvwatchConfig config = cluster.config(Map.of());
    String link = "https://leak.example/" + run + "/documents";
    // published now: the scoring application reads every post other tests wrote to the shared topic, and shares
    // older than its stream time by more than the window and grace are too late, as in a live stream
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<Post> posts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      posts.add(post("x:" + run + "-" + i, run + "-acct" + i, "look at this", 0).setUrls(List.of(link))
          .setCreatedAt(t0.plusSeconds(20L * i)).build());
    }
    try (StreamsStage stage = ScoringService.start(config)) {
      stage.awaitRunning(Duration.ofSeconds(60));
      TopicRecords.produce(config, Topics.POSTS, posts, Post::getId);

      List<Assessment> assessments = TopicRecords.readCommitted(config, Topics.ASSESSMENTS, a -> a.getPostId().contains(run), 5);
      List<Campaign> campaigns = TopicRecords.readCommitted(config, Topics.CAMPAIGNS,
          c -> c.getMemberAccounts().stream().anyMatch(m -> m.startsWith(run)) && c.getMemberAccounts().size() == 5, 1);

      Campaign campaign = campaigns.get(0);
      assertThat(campaign.getSharedObjects()).singleElement().satisfies(o -> {
        assertThat(o.getKind()).isEqualTo("url");
        assertThat(o.getLabel()).isEqualTo("leak.example/" + run + "/documents");
      });
      assertThat(campaign.getFirstSeen()).isEqualTo(t0);
      assertThat(campaign.getLastSeen()).isEqualTo(t0.plusSeconds(80));
      // the posts reach the link's detector in an order the partitions decide; whichever it is, the k-th has k-1 partners
      List<Signal> signals = assessments.stream()
          .map(a -> a.getSignals().stream().filter(s -> s.getName().equals("coordination")).findFirst().orElseThrow()).toList();
      assertThat(signals).extracting(Signal::getScore).containsExactlyInAnyOrder(0.0, 0.2, 0.4, 0.6, 0.8);
      assertThat(signals).as("the later members, from the third on: the campaign size").filteredOn(s -> s.getScore() >= 0.4).hasSize(3)
          .allSatisfy(s -> assertThat(s.getEvidence()).containsEntry("campaignId", campaign.getCampaignId()));
      Signal last = signals.stream().filter(s -> s.getScore() == 0.8).findFirst().orElseThrow();
      assertThat(last.getEvidence()).containsEntry("accountCount", "4");
      assertThat(last.getReasons().get(0)).isEqualTo("posted the same link (leak.example/" + run + "/documents) as 4 other accounts within 2 min");
    }
  }
}
