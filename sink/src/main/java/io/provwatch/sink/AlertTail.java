package io.provwatch.sink;

import io.provwatch.avro.Alert;
import io.provwatch.avro.Severity;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.topics.TopicSpec;
import io.provwatch.platform.topics.Topics;
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
 * Follows {@code alerts} (or {@code alerts.<severity>}) without a consumer group: it assigns every
 * partition, reads only committed alerts, and hands each to a printer.
 */
public final class AlertTail implements AutoCloseable {
  private final KafkaConsumer<String, Alert> consumer;
  private final TopicSpec<String, Alert> topic;

  public AlertTail(ProvwatchConfig config, Severity severity) {
    this.topic = severity == null ? Topics.ALERTS : Topics.alertsFor(severity);
    Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "provwatch-alerts-tail");
    Map<String, Object> serde = config.serdeConfig();
    this.consumer = new KafkaConsumer<>(props, topic.keySerde(serde).deserializer(), topic.valueSerde(serde).deserializer());
  }

  public String topicName() {
    return topic.name();
  }

  /**
   * Assigns every partition and fixes the start position now, so that alerts written after this call
   * are all seen even when {@code fromBeginning} is false.
   */
  public AlertTail seek(boolean fromBeginning) {
    List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
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
   * Prints alerts until {@code max} were printed, {@code keepGoing} says stop, or {@code idleTimeout}
   * passes without an alert (null: no timeout). Returns how many were printed.
   */
  public long follow(long max, Duration idleTimeout, BooleanSupplier keepGoing, Consumer<Alert> printer) {
    return follow(max, idleTimeout, () -> true, keepGoing, printer);
  }

  /**
   * As {@link #follow(long, Duration, BooleanSupplier, Consumer)}, but the idle time only counts while
   * {@code settled} says the alerts so far are all there is to wait for (e.g. the pipeline caught up).
   */
  public long follow(long max, Duration idleTimeout, BooleanSupplier settled, BooleanSupplier keepGoing, Consumer<Alert> printer) {
    long printed = 0;
    long lastAlert = System.nanoTime();
    try {
      while (printed < max && keepGoing.getAsBoolean()) {
        if (idleTimeout != null && !settled.getAsBoolean()) {
          lastAlert = System.nanoTime();
        }
        for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(200))) {
          printer.accept(record.value());
          lastAlert = System.nanoTime();
          if (++printed >= max) {
            break;
          }
        }
        if (idleTimeout != null && System.nanoTime() - lastAlert > idleTimeout.toNanos()) {
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
