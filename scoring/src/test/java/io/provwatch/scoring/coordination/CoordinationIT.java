package io.provwatch.scoring.coordination;

import static io.provwatch.scoring.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.Campaign;
import io.provwatch.avro.Post;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsSettings;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.TopicCatalog;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.ScoringService;
import io.provwatch.scoring.ScoringTopologyBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
          c -> c.getMemberAccounts().stream().anyMatch(m -> m.startsWith(run)) && c.getPairs().size() == 10, 1);
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
   * The German elections 2021 data set (its first 20,000 rows by time, {@code -Dcoordination.backlog.rows=N}
   * for more, 0 for all) published as one backlog (not trickled) into the three-partition posts topic,
   * then scored: the coordinated pairs of the campaigns are the batch oracle's for a 60 s window and
   * min_repetition 2. The pair retention is longer than the data, as the oracle has none; the share
   * retention is the default.
   */
  @Test
  void germanElections2021AsOneBacklogOverThreePartitionsGivesTheOraclesPairs() throws Exception {
    Path csv = GermanElectionsData.locate().orElse(null);
    Assumptions.assumeTrue(csv != null, "shared/data/coordination/" + GermanElectionsData.FILE + " is absent: skipping");
    List<GermanElectionsData.Row> rows = new ArrayList<>(GermanElectionsData.rows(csv));
    rows.sort((a, b) -> Long.compare(a.timestampSeconds(), b.timestampSeconds()));
    int limit = Integer.getInteger("coordination.backlog.rows", 20_000);
    if (limit > 0 && limit < rows.size()) {
      rows = rows.subList(0, limit);
    }
    List<Share> shares = GermanElectionsData.shares(rows);
    TreeSet<String> oracle = CoordinationOracle.coordinatedPairs(shares, 60_000, 2);
    ProvwatchConfig config = cluster.config(Map.of(ProvwatchConfig.COORDINATION_TIME_WINDOW_MS, "60000",
        ProvwatchConfig.COORDINATION_MIN_REPETITION, "2", ProvwatchConfig.COORDINATION_MIN_HASHTAGS, "1",
        ProvwatchConfig.COORDINATION_CAMPAIGN_MIN_ACCOUNTS, "2", ProvwatchConfig.COORDINATION_PAIR_RETENTION_MS,
        Long.toString(400L * 86_400_000)));
    String run = SharedKafkaCluster.unique("ge");
    // topics of its own, three partitions each: other tests' posts (published now) would be years ahead of the data
    String postsTopic = Topics.auditPosts(run).name();
    String assessmentsTopic = Topics.auditAssessments(run).name();
    var campaignsTopic = Topics.auditCampaigns(run);
    try (Admin admin = Admin.create(config.kafkaClientProperties())) {
      // the data is from 2021: with the broker's default retention its records would be deleted by timestamp at the next
      // retention check, mid-test (an idempotent producer then retries out-of-order sequences for ever)
      Map<String, String> keepForever = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
      admin.createTopics(List.of(new NewTopic(postsTopic, 3, (short) 1).configs(keepForever),
          new NewTopic(assessmentsTopic, 3, (short) 1).configs(keepForever),
          new NewTopic(campaignsTopic.name(), 3, (short) 1).configs(keepForever))).all().get();
      // writing before the leaders serve can lose a batch to KAFKA-15591 (the producer retries it for ever)
      TopicCatalog.awaitLeaders(admin, List.of(postsTopic, assessmentsTopic, campaignsTopic.name()));
    }
    long started = System.nanoTime();
    Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    try (var producer = new KafkaProducer<>(props, Topics.POSTS.keySerde(config.serdeConfig()).serializer(),
        Topics.POSTS.valueSerde(config.serdeConfig()).serializer())) {
      for (int i = 0; i < rows.size(); i++) {
        Post post = GermanElectionsData.post(rows.get(i), i);
        producer.send(new ProducerRecord<>(postsTopic, post.getId(), post));
      }
      producer.flush();
    }
    long published = System.nanoTime();
    var topology = ScoringTopologyBuilder.fromConfig(config)
        .withTopics(new ScoringTopologyBuilder.TopicNames(postsTopic, assessmentsTopic, Topics.MEDIA_VERDICTS.name(), campaignsTopic.name()))
        .build();
    String applicationId = "it-ge-" + run;
    try (StreamsStage stage = new StreamsStage("it-ge", topology, StreamsSettings.forStage(config, applicationId, "it-ge",
        Topics.ASSESSMENTS_DLQ)).start()) {
      stage.awaitRunning(Duration.ofSeconds(60));
      long assessed = countAssessed(config, assessmentsTopic, rows.size(), Duration.ofMinutes(10));
      long scored = System.nanoTime();
      assertThat(assessed).as("every post assessed, none held").isEqualTo(rows.size());
      // then until every topic of the application (the branch's repartition topics too) is consumed and committed
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      List<String> inputs = new ArrayList<>();
      topology.describe().subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
        if (node instanceof org.apache.kafka.streams.TopologyDescription.Source source) {
          source.topicSet().forEach(t -> inputs.add(t.endsWith("-repartition") ? applicationId + "-" + t : t));
        }
      }));
      try (Admin admin = Admin.create(config.kafkaClientProperties())) {
        while (System.nanoTime() < deadline && !caughtUp(admin, applicationId, inputs)) {
          Thread.sleep(1000);
        }
      }
      long drained = System.nanoTime();
      TreeSet<String> found = new TreeSet<>();
      readToEnd(config, campaignsTopic).forEach(c -> found.addAll(c.getPairs()));
      double tooLate = stage.streams().metrics().entrySet().stream()
          .filter(m -> m.getKey().name().equals(CoShareStep.TOO_LATE_OPERATION + "-total"))
          .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue()).sum();
      System.out.printf("coordination on the broker: %d posts (%d shares) as one backlog, 3 partitions: published in %d ms, all assessed %d ms"
              + " later, every topic drained %d ms after that; %d coordinated pairs found, oracle %d; %.0f shares too late%n", rows.size(),
          shares.size(), (published - started) / 1_000_000, (scored - published) / 1_000_000, (drained - scored) / 1_000_000, found.size(),
          oracle.size(), tooLate);
      assertThat(found).isEqualTo(oracle);
    }
  }

  /** Every committed campaign (tombstones aside) on {@code topic}, read up to its end. */
  private static List<Campaign> readToEnd(ProvwatchConfig config, io.provwatch.platform.topics.TopicSpec<String, Campaign> topic) {
    Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<Campaign> campaigns = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(props, topic.keySerde(config.serdeConfig()).deserializer(),
        topic.valueSerde(config.serdeConfig()).deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> {
          if (r.value() != null) {
            campaigns.add(r.value());
          }
        });
      }
    }
    return campaigns;
  }

  private static boolean caughtUp(Admin admin, String applicationId, List<String> topics) {
    try {
      for (String topic : topics) {
        if (io.provwatch.platform.streams.ConsumerGroupLag.of(admin, applicationId, topic) > 0) {
          return false;
        }
      }
      return true;
    } catch (Exception notYet) {
      return false;
    }
  }

  /** Distinct posts with a committed assessment on {@code topic}, counted until {@code expected} or the timeout. */
  private static long countAssessed(ProvwatchConfig config, String topic, int expected, Duration timeout) {
    Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    TreeSet<String> seen = new TreeSet<>();
    try (var consumer = new KafkaConsumer<>(props, Topics.ASSESSMENTS.keySerde(config.serdeConfig()).deserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (seen.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.key() != null) {
            seen.add(record.key());
          }
        }
      }
    }
    return seen.size();
  }
}
