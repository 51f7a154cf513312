package io.provwatch.scoring.coordination;

import static io.provwatch.scoring.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.Campaign;
import io.provwatch.avro.Post;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.ScoringService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Coordination on the real in-process broker and registry, under exactly_once_v2, across the branch's repartition topics. */
class CoordinationIT {
  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();

  @Test
  void accountsPostingTheSameLinkWithinTheWindowMakeACampaignWhileEveryPostIsAssessedAtOnce() throws Exception {
    String run = SharedKafkaCluster.unique("coord");
    ProvwatchConfig config = cluster.config(Map.of());
    String link = "https://leak.example/" + run + "/documents";
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
      assertThat(assessments).hasSize(5);
      List<Campaign> campaigns = TopicRecords.readCommitted(config, Topics.CAMPAIGNS,
          c -> c.getMemberAccounts().stream().anyMatch(m -> m.startsWith(run)) && c.getMemberAccounts().size() == 5, 1);
      Campaign campaign = campaigns.get(0);
      assertThat(campaign.getSharedObjects()).singleElement().satisfies(o -> {
        assertThat(o.getKind()).isEqualTo("url");
        assertThat(o.getLabel()).isEqualTo("leak.example/" + run + "/documents");
      });
      assertThat(campaign.getPairs()).as("every two of the five").hasSize(10);
      assertThat(campaign.getFirstSeen()).isEqualTo(t0);
      assertThat(campaign.getLastSeen()).isEqualTo(t0.plusSeconds(80));
    }
  }

  /**
   * The German elections 2021 data set published as one backlog (not trickled) into the three-partition
   * posts topic, then scored: the coordinated pairs of the campaigns are the batch oracle's for a 60 s
   * window and min_repetition 2. The pair retention is longer than the four months of the data, as the
   * oracle has none; the share retention is the default.
   */
  @Test
  void germanElections2021AsOneBacklogOverThreePartitionsGivesTheOraclesPairs() throws Exception {
    Path csv = GermanElectionsData.locate().orElse(null);
    Assumptions.assumeTrue(csv != null, "shared/data/coordination/" + GermanElectionsData.FILE + " is absent: skipping");
    List<GermanElectionsData.Row> rows = new ArrayList<>(GermanElectionsData.rows(csv));
    rows.sort((a, b) -> Long.compare(a.timestampSeconds(), b.timestampSeconds()));
    List<Share> shares = GermanElectionsData.shares(rows);
    TreeSet<String> oracle = CoordinationOracle.coordinatedPairs(shares, 60_000, 2);
    ProvwatchConfig config = cluster.config(Map.of(ProvwatchConfig.COORDINATION_TIME_WINDOW_MS, "60000",
        ProvwatchConfig.COORDINATION_MIN_REPETITION, "2", ProvwatchConfig.COORDINATION_MIN_HASHTAGS, "1",
        ProvwatchConfig.COORDINATION_CAMPAIGN_MIN_ACCOUNTS, "2", ProvwatchConfig.COORDINATION_PAIR_RETENTION_MS,
        Long.toString(400L * 86_400_000)));
    String run = SharedKafkaCluster.unique("ge");
    long started = System.nanoTime();
    Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    try (var producer = new KafkaProducer<>(props, Topics.POSTS.keySerde(config.serdeConfig()).serializer(),
        Topics.POSTS.valueSerde(config.serdeConfig()).serializer())) {
      for (int i = 0; i < rows.size(); i++) {
        Post post = GermanElectionsData.post(rows.get(i), i);
        post.setId(post.getId() + "-" + run);
        producer.send(new ProducerRecord<>(Topics.POSTS.name(), post.getId(), post));
      }
      producer.flush();
    }
    long published = System.nanoTime();
    try (StreamsStage stage = ScoringService.start(config)) {
      stage.awaitRunning(Duration.ofSeconds(60));
      List<Assessment> assessed = TopicRecords.readCommitted(config, Topics.ASSESSMENTS, a -> a.getPostId().endsWith("-" + run), rows.size());
      long scored = System.nanoTime();
      assertThat(assessed).as("every post assessed, none held").hasSize(rows.size());
      // campaigns only grow: once the union of their pairs holds as many as the oracle's, nothing is in flight
      TreeSet<String> found = new TreeSet<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (System.nanoTime() < deadline) {
        found.clear();
        TopicRecords.readCommitted(config, Topics.CAMPAIGNS, c -> c.getPostIds().stream().anyMatch(p -> p.endsWith("-" + run)), oracle.size())
            .forEach(c -> found.addAll(c.getPairs()));
        if (found.size() >= oracle.size()) {
          break;
        }
      }
      System.out.printf("coordination on the broker: %d posts (%d shares) as one backlog, 3 partitions: published in %d ms, all assessed %d ms"
              + " later; %d coordinated pairs found, oracle %d%n", rows.size(), shares.size(), (published - started) / 1_000_000,
          (scored - published) / 1_000_000, found.size(), oracle.size());
      assertThat(found).isEqualTo(oracle);
    }
  }
}
