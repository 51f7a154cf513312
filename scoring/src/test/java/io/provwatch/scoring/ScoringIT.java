package io.provwatch.scoring;

import static io.provwatch.scoring.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.DeadLetter;
import io.provwatch.avro.Post;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.topics.TopicSpec;
import io.provwatch.platform.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The scoring stage on the real in-process broker and registry, under exactly_once_v2. */
class ScoringIT {
  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();

  @Test
  void eachPostIsAssessedExactlyOnceBadRecordsAreDeadLetteredAndStateSurvivesARestart() throws Exception {
    String run = SharedKafkaCluster.unique("run");
    ProvwatchConfig config = cluster.config(Map.of());
    String text = "Ferry timetable changes from Monday because of the harbour works " + run;

    try (StreamsStage stage = ScoringService.start(config)) {
      stage.awaitRunning(Duration.ofSeconds(60));
      produce(config, List.of(
          post("mastodon:" + run + "-1", "alice", text, 0).build(),
          post("x:" + run + "-2", "mallory", text, 1).build()));
      produceRaw(config, run + "-garbage", "definitely not avro");
      List<Assessment> first = read(config, Topics.ASSESSMENTS, a -> a.getPostId().contains(run), 2);
      assertThat(first).extracting(Assessment::getPostId).containsExactlyInAnyOrder("mastodon:" + run + "-1", "x:" + run + "-2");
      assertThat(first).filteredOn(a -> a.getPostId().startsWith("x:")).singleElement()
          .satisfies(a -> assertThat(a.getRisk()).isEqualTo(0.9));
      List<DeadLetter> letters = read(config, Topics.ASSESSMENTS_DLQ,
          d -> StandardCharsets.UTF_8.decode(d.getRaw().duplicate()).toString().equals("definitely not avro"), 1);
      assertThat(letters).singleElement().satisfies(d -> {
        assertThat(d.getErrorCode()).isEqualTo("DESERIALIZATION");
        assertThat(d.getStage()).isEqualTo("scoring");
        assertThat(d.getPosition()).startsWith("posts-");
      });
    }

    // same application id: the fingerprint store is restored from its changelog after the restart
    try (StreamsStage stage = ScoringService.start(config)) {
      stage.awaitRunning(Duration.ofSeconds(60));
      produce(config, List.of(post("bluesky:" + run + "-3", "trent", text, 2).build()));
      List<Assessment> all = read(config, Topics.ASSESSMENTS, a -> a.getPostId().contains(run), 3);
      assertThat(all).as("exactly once: no post assessed twice across the restart").hasSize(3)
          .extracting(Assessment::getPostId).doesNotHaveDuplicates();
      Assessment afterRestart = all.stream().filter(a -> a.getPostId().startsWith("bluesky:")).findFirst().orElseThrow();
      assertThat(afterRestart.getRisk()).as("copy found through restored state").isEqualTo(0.9);
      assertThat(afterRestart.getSignals().get(0).getEvidence()).containsEntry("originalPostId", "mastodon:" + run + "-1");
    }
  }

  private static void produce(ProvwatchConfig config, List<Post> posts) throws Exception {
    Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<>(props, new StringSerializer(), Topics.POSTS.valueSerde(config.serdeConfig()).serializer())) {
      for (Post p : posts) {
        producer.send(new ProducerRecord<>(Topics.POSTS.name(), p.getId(), p)).get();
      }
    }
  }

  private static void produceRaw(ProvwatchConfig config, String key, String value) throws Exception {
    try (var producer = new KafkaProducer<>(new HashMap<>(config.kafkaClientProperties()), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.POSTS.name(), key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8))).get();
    }
  }

  /** Reads committed records of {@code topic} until {@code expected} match, then briefly more to catch duplicates. */
  static <V> List<V> read(ProvwatchConfig config, TopicSpec<String, V> topic, Predicate<V> mine, int expected) {
    Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<V> found = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(props, topic.keySerde(config.serdeConfig()).deserializer(), topic.valueSerde(config.serdeConfig()).deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      long settleUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, settleUntil)) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (r.value() != null && mine.test(r.value())) {
            found.add(r.value());
          }
        });
        if (found.size() >= expected && settleUntil == Long.MAX_VALUE) {
          settleUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        }
      }
    }
    return found;
  }
}
