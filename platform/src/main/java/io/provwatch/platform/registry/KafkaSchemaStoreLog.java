package io.provwatch.platform.registry;

import io.provwatch.platform.topics.TopicCatalog;
import io.provwatch.platform.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's log on the compacted {@code _schemas} topic (one partition, so the order of
 * changes is kept). {@link #append} waits for the acknowledgement of all in-sync replicas from an
 * idempotent producer; {@link #replay} reads the topic from the beginning to its current end.
 */
final class KafkaSchemaStoreLog implements SchemaStoreLog {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStoreLog.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String topic;
  private final Map<String, Object> clientProps;
  private final KafkaProducer<String, String> producer;

  private KafkaSchemaStoreLog(String topic, Map<String, Object> clientProps, KafkaProducer<String, String> producer) {
    this.topic = topic;
    this.clientProps = clientProps;
    this.producer = producer;
  }

  /** Creates the topic if missing and opens the producer. */
  static KafkaSchemaStoreLog open(Map<String, Object> kafkaClientProps) throws InterruptedException, ExecutionException, TimeoutException {
    String topic = Topics.SCHEMAS.name();
    Map<String, Object> props = new HashMap<>(kafkaClientProps);
    ensureTopic(topic, props);
    Map<String, Object> producerProps = new HashMap<>(props);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "provwatch-schema-registry");
    producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    producerProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaSchemaStoreLog(topic, props,
        new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer()));
  }

  private static void ensureTopic(String topic, Map<String, Object> props)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, Object> adminProps = new HashMap<>(props);
    adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, "provwatch-schema-registry-admin");
    try (Admin admin = Admin.create(adminProps)) {
      if (admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
        return;
      }
      int brokers = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
      short replicas = (short) Math.max(1, Math.min(3, brokers));
      try {
        admin.createTopics(List.of(Topics.SCHEMAS.newTopic(1, replicas, null)))
            .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Created schema topic {} (compacted, 1 partition, replication {})", topic, replicas);
        TopicCatalog.awaitLeaders(admin, List.of(topic));
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }

  /** Feeds every record from the beginning of the topic to its end at the time of the call. */
  void replay(BiConsumer<String, String> apply) {
    Map<String, Object> consumerProps = new HashMap<>(clientProps);
    consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "provwatch-schema-registry-reader");
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<String, String> consumer =
             new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      int applied = 0;
      while (consumer.position(partition, TIMEOUT) < end) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Reading " + topic + " to offset " + end + " took longer than " + TIMEOUT);
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          try {
            apply.accept(record.key(), record.value());
            applied++;
          } catch (RuntimeException e) {
            // A record we cannot read must not keep the registry down; it is reported and skipped.
            LOG.warn("Skipping unreadable record at {}-{} offset {}: {}", topic, 0, record.offset(), e.getMessage());
          }
        }
      }
      LOG.info("Read {} records of {} up to offset {}", applied, topic, end);
    }
  }

  @Override
  public void append(String key, String value) {
    try {
      producer.send(new ProducerRecord<>(topic, 0, key, value)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while writing to " + topic, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Write to " + topic + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Write to " + topic + " not acknowledged within " + TIMEOUT, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
