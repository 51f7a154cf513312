package io.provwatch.platform.testing;

import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.topics.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Writes and reads catalog topics in integration tests, with the topics' own serdes: what a producer
 * upstream of a stage sends, and what a {@code read_committed} subscriber downstream of it sees.
 */
public final class TopicRecords {
  /** How long {@link #readCommitted} waits for the expected records. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(90);
  /** How long it reads on after the expected count, so that duplicates have a chance to show. */
  private static final Duration SETTLE = Duration.ofSeconds(1);

  private TopicRecords() {}

  /** Sends {@code values} keyed by {@code key}, acks=all, each acknowledged before the next; returns where each landed. */
  public static <V> List<RecordMetadata> produce(ProvwatchConfig config, TopicSpec<String, V> topic, List<V> values,
      Function<V, String> key) throws ExecutionException, InterruptedException {
    return produce(config, topic, values, key, v -> null);
  }

  /** {@link #produce} with each record's timestamp from {@code timestamp} (null: the producer's clock). */
  public static <V> List<RecordMetadata> produce(ProvwatchConfig config, TopicSpec<String, V> topic, List<V> values,
      Function<V, String> key, Function<V, Long> timestamp) throws ExecutionException, InterruptedException {
    Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    List<RecordMetadata> written = new ArrayList<>();
    try (var producer = new KafkaProducer<>(props, topic.keySerde(config.serdeConfig()).serializer(),
        topic.valueSerde(config.serdeConfig()).serializer())) {
      for (V value : values) {
        written.add(producer.send(new ProducerRecord<>(topic.name(), null, timestamp.apply(value), key.apply(value), value)).get());
      }
    }
    return written;
  }

  /** Sends bytes that are not in the topic's format, e.g. to see a stage dead-letter them. */
  public static RecordMetadata produceRaw(ProvwatchConfig config, TopicSpec<?, ?> topic, String key, String value)
      throws ExecutionException, InterruptedException {
    try (var producer = new KafkaProducer<>(new HashMap<>(config.kafkaClientProperties()), new ByteArraySerializer(), new ByteArraySerializer())) {
      return producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8))).get();
    }
  }

  /** The values of {@link #readCommittedRecords}. */
  public static <V> List<V> readCommitted(ProvwatchConfig config, TopicSpec<String, V> topic, Predicate<V> mine, int expected) {
    return readCommittedRecords(config, topic, mine, expected).stream().map(ConsumerRecord::value).toList();
  }

  /**
   * Reads the committed records of {@code topic} from the beginning until {@code expected} of them
   * match {@code mine} (or {@link #READ_TIMEOUT} passes), then briefly more so that duplicates show.
   * Returns every match, so a caller asserting the count sees too few and too many alike.
   */
  public static <V> List<ConsumerRecord<String, V>> readCommittedRecords(ProvwatchConfig config, TopicSpec<String, V> topic,
      Predicate<V> mine, int expected) {
    Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, V>> found = new ArrayList<>();
    Deserializer<String> keys = topic.keySerde(config.serdeConfig()).deserializer();
    Deserializer<V> values = topic.valueSerde(config.serdeConfig()).deserializer();
    try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      long settleUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, settleUntil)) {
        for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(Duration.ofMillis(200))) {
          V value;
          try {
            value = values.deserialize(raw.topic(), raw.headers(), raw.value());
          } catch (SerializationException notInTheTopicsFormat) {
            continue; // another test's deliberately unreadable record on this shared topic: not mine
          }
          if (value != null && mine.test(value)) {
            found.add(new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(), raw.timestampType(),
                raw.serializedKeySize(), raw.serializedValueSize(), keys.deserialize(raw.topic(), raw.headers(), raw.key()), value,
                raw.headers(), raw.leaderEpoch()));
          }
        }
        if (found.size() >= expected && settleUntil == Long.MAX_VALUE) {
          settleUntil = System.nanoTime() + SETTLE.toNanos();
        }
      }
    }
    return found;
  }
}
