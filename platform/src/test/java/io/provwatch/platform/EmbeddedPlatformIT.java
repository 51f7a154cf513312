package io.provwatch.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provwatch.avro.Post;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.topics.Topics;
import io.provwatch.schemas.registry.RestSchemaRegistryClient;
import io.provwatch.schemas.serde.SubjectNames;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restart, --fresh, port clashes and data-directory safety of the embedded default, on a real broker. */
class EmbeddedPlatformIT {
  @TempDir Path dir;

  private ProvwatchConfig config(Path dataDir, Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(Map.of(
        ProvwatchConfig.DATA_DIR, dataDir.toString(),
        ProvwatchConfig.KAFKA_PORT, "0",
        ProvwatchConfig.KAFKA_CONTROLLER_PORT, "0",
        ProvwatchConfig.REGISTRY_PORT, "0"));
    props.putAll(extra);
    return new ProvwatchConfig(props);
  }

  @Test
  void restartKeepsTopicsOffsetsAndSchemaIdsAndFreshStartsClean() throws Exception {
    Path data = dir.resolve("data");
    int schemaId;
    try (EmbeddedPlatform platform = EmbeddedPlatform.start(config(data, Map.of()), false)) {
      assertThat(platform.createdTopics()).contains("posts", "assessments", "alerts", "alerts.high", "posts.dlq");
      ProvwatchConfig cfg = platform.config();
      try (var producer = new KafkaProducer<>(producerProps(cfg), new StringSerializer(),
          Topics.POSTS.valueSerde(cfg.serdeConfig()).serializer())) {
        producer.send(new ProducerRecord<>(Topics.POSTS.name(), "x:1", samplePost("x:1"))).get();
      }
      schemaId = new RestSchemaRegistryClient(platform.schemaRegistryUrl())
          .getLatest(SubjectNames.topicName(Topics.POSTS.name(), false)).id();
      commitOffset(cfg, "restart-group", 1);
    }

    try (EmbeddedPlatform platform = EmbeddedPlatform.start(config(data, Map.of()), false)) {
      assertThat(platform.createdTopics()).as("topics survive a restart").isEmpty();
      var client = new RestSchemaRegistryClient(platform.schemaRegistryUrl());
      assertThat(client.getLatest(SubjectNames.topicName(Topics.POSTS.name(), false)).id()).isEqualTo(schemaId);
      assertThat(client.getById(schemaId)).isEqualTo(Post.getClassSchema());
      try (Admin admin = Admin.create(platform.config().kafkaClientProperties())) {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("restart-group")
            .partitionsToOffsetAndMetadata().get();
        assertThat(offsets).containsKey(new TopicPartition(Topics.POSTS.name(), 0));
        assertThat(countRecords(platform.config())).isEqualTo(1);
      }
    }

    try (EmbeddedPlatform platform = EmbeddedPlatform.start(config(data, Map.of()), true)) {
      assertThat(platform.createdTopics()).as("--fresh recreates every topic").contains("posts", "_schemas");
      assertThat(countRecords(platform.config())).isZero();
    }
  }

  @Test
  void portInUseFailsFastWithAClearMessageAndReleasesTheDataDirectory() throws Exception {
    Path data = dir.resolve("clash");
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> EmbeddedPlatform.start(config(data, Map.of(ProvwatchConfig.KAFKA_PORT, Integer.toString(port))), false))
          .isInstanceOf(PlatformStartupException.class)
          .hasMessageContaining("port " + port)
          .hasMessageContaining("not available");
    }
    // the failed start left nothing running and nothing locked
    try (EmbeddedPlatform platform = EmbeddedPlatform.start(config(data, Map.of()), false)) {
      assertThat(platform.bootstrapServers()).startsWith("127.0.0.1:");
    }
  }

  @Test
  void registryPortInUseStopsTheBrokerItStarted() throws Exception {
    Path data = dir.resolve("registry-clash");
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> EmbeddedPlatform.start(config(data, Map.of(ProvwatchConfig.REGISTRY_PORT, Integer.toString(port))), false))
          .isInstanceOf(PlatformStartupException.class)
          .hasMessageContaining(Integer.toString(port));
    }
    try (EmbeddedPlatform platform = EmbeddedPlatform.start(config(data, Map.of()), false)) {
      assertThat(platform.createdTopics()).isEmpty();
    }
  }

  @Test
  void refusesToUseOrWipeADirectoryProvwatchDidNotMake() throws IOException {
    Path foreign = Files.createDirectories(dir.resolve("foreign"));
    Files.writeString(foreign.resolve("thesis.tex"), "precious");
    assertThatThrownBy(() -> EmbeddedPlatform.start(config(foreign, Map.of()), true))
        .isInstanceOf(PlatformStartupException.class).hasMessageContaining("Refusing to wipe");
    assertThatThrownBy(() -> EmbeddedPlatform.start(config(foreign, Map.of()), false))
        .isInstanceOf(PlatformStartupException.class).hasMessageContaining("not made by provwatch");
    assertThat(foreign.resolve("thesis.tex")).hasContent("precious");
  }

  @Test
  void freshStartAcceptsAnEmptyDirectoryItDidNotMake() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("made-by-mktemp"));
    try (EmbeddedPlatform platform = EmbeddedPlatform.start(config(empty, Map.of()), true)) {
      assertThat(platform.createdTopics()).isNotEmpty();
    }
    assertThat(empty.resolve(".provwatch-data")).exists();
  }

  @Test
  void aSecondProcessOnTheSameDataDirectoryIsRefused() {
    Path data = dir.resolve("locked");
    try (EmbeddedPlatform first = EmbeddedPlatform.start(config(data, Map.of()), false)) {
      assertThatThrownBy(() -> EmbeddedPlatform.start(config(data, Map.of()), false))
          .isInstanceOf(PlatformStartupException.class).hasMessageContaining("in use by another provwatch process");
      assertThat(first.bootstrapServers()).isNotEmpty();
    }
  }

  static Post samplePost(String id) {
    return Post.newBuilder()
        .setId(id).setPlatform("x")
        .setAuthor(io.provwatch.avro.Author.newBuilder().setId("a1").build())
        .setCreatedAt(java.time.Instant.parse("2026-11-20T10:00:00Z"))
        .setObservedAt(java.time.Instant.parse("2026-11-20T10:00:01Z"))
        .setText("hello")
        .setSource(io.provwatch.avro.SourcePosition.newBuilder().setConnector("test").setPosition("1").build())
        .build();
  }

  private static Map<String, Object> producerProps(ProvwatchConfig cfg) {
    Map<String, Object> props = new HashMap<>(cfg.kafkaClientProperties());
    props.put("acks", "all");
    return props;
  }

  private static void commitOffset(ProvwatchConfig cfg, String group, long offset) {
    Map<String, Object> props = new HashMap<>(cfg.kafkaClientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.commitSync(Map.of(new TopicPartition(Topics.POSTS.name(), 0), new OffsetAndMetadata(offset)));
    }
  }

  private static int countRecords(ProvwatchConfig cfg) {
    Map<String, Object> props = new HashMap<>(cfg.kafkaClientProperties());
    try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.POSTS.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      int count = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (System.nanoTime() < deadline && partitions.stream().anyMatch(tp -> consumer.position(tp) < endOffset(consumer, tp))) {
        count += consumer.poll(Duration.ofMillis(200)).count();
      }
      return count;
    }
  }

  private static long endOffset(KafkaConsumer<?, ?> consumer, TopicPartition tp) {
    return consumer.endOffsets(List.of(tp)).get(tp);
  }
}
