package io.provwatch.platform.topics;

import io.provwatch.platform.config.ProvwatchConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows one topic of the catalog without a consumer group, for a person at a terminal: it assigns
 * every partition, reads committed records only, and hands each value to a printer.
 */
public final class TopicTail<V> implements AutoCloseable {
  private final KafkaConsumer<String, V> consumer;
  private final TopicSpec<String, V> topic;

  /** @param clientId the consumer's client id, so brokers' logs and quotas can tell the tool apart */
  public TopicTail(ProvwatchConfig config, TopicSpec<String, V> topic, String clientId) {
    this.topic = topic;
    Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    Map<String, Object> serde = config.serdeConfig();
    this.consumer = new KafkaConsumer<>(props, topic.keySerde(serde).deserializer(), topic.valueSerde(serde).deserializer());
  }

  public String topicName() {
    return topic.name();
  }

  /**
   * Assigns every partition and fixes the start position now, so that records written after this call
   * are all seen even when {@code fromBeginning} is false.
   */
  public TopicTail<V> seek(boolean fromBeginning) {
    List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    if (partitions.isEmpty()) {
      throw new IllegalStateException("topic " + topic.name() + " does not exist on this cluster (is it the right bootstrap.servers?)");
    }
    consumer.assign(partitions);
    if (fromBeginning) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
    }
    partitions.forEach(consumer::position);
    return this;
  }

  /**
   * Prints records until {@code max} were printed, {@code keepGoing} says stop, or {@code idleTimeout}
   * passes without a record (null: no timeout). Returns how many were printed.
   */
  public long follow(long max, Duration idleTimeout, BooleanSupplier keepGoing, Consumer<V> printer) {
    return follow(max, idleTimeout, () -> true, keepGoing, printer);
  }

  /**
   * As {@link #follow(long, Duration, BooleanSupplier, Consumer)}, but the idle time only counts while
   * {@code settled} says the records so far are all there is to wait for (e.g. the pipeline caught up).
   */
  public long follow(long max, Duration idleTimeout, BooleanSupplier settled, BooleanSupplier keepGoing, Consumer<V> printer) {
    long printed = 0;
    long lastRecord = System.nanoTime();
    try {
      while (printed < max && keepGoing.getAsBoolean()) {
        if (idleTimeout != null && !settled.getAsBoolean()) {
          lastRecord = System.nanoTime();
        }
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
          printer.accept(record.value());
          lastRecord = System.nanoTime();
          if (++printed >= max) {
            break;
          }
        }
        if (idleTimeout != null && System.nanoTime() - lastRecord > idleTimeout.toNanos()) {
          break;
        }
      }
    } catch (WakeupException e) {
      // close() from another thread: stop quietly
    }
    return printed;
  }

  /** Stops a {@link #follow} running on another thread. */
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
