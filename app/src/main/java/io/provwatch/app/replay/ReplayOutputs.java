package io.provwatch.app.replay;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.DeadLetter;
import io.provwatch.platform.topics.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a replay's assessments and dead letters as the stages write them and tells the
 * {@link ReplayAccounting}: so that progress counts posts, not offsets, and the replay knows which
 * posts are still missing. Keeps the assessments for the report.
 */
final class ReplayOutputs implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(100);
  /** How long one {@link #poll()} may read on, so that a progress tick keeps up with a fast replay. */
  private static final Duration BUDGET = Duration.ofMillis(250);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicPartition assessmentsPartition;
  private final TopicPartition deadLettersPartition;
  private final Deserializer<Assessment> assessmentReader;
  private final Deserializer<DeadLetter> deadLetterReader;
  private final ReplayAccounting accounting;
  private final List<Assessment> assessments = new ArrayList<>();

  ReplayOutputs(Map<String, Object> consumerProps, Map<String, ?> serdeConfig, TopicSpec<String, Assessment> assessmentsTopic,
      TopicSpec<String, DeadLetter> deadLettersTopic, ReplayAccounting accounting) {
    this.consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    // audit topics have one partition (Topics.audit*)
    this.assessmentsPartition = new TopicPartition(assessmentsTopic.name(), 0);
    this.deadLettersPartition = new TopicPartition(deadLettersTopic.name(), 0);
    this.assessmentReader = assessmentsTopic.valueSerde(serdeConfig).deserializer();
    this.deadLetterReader = deadLettersTopic.valueSerde(serdeConfig).deserializer();
    this.accounting = accounting;
    consumer.assign(List.of(assessmentsPartition, deadLettersPartition));
    consumer.seekToBeginning(List.of(assessmentsPartition, deadLettersPartition));
  }

  /** Reads what has arrived since the last call, for at most about {@code BUDGET}. */
  void poll() {
    long until = System.nanoTime() + BUDGET.toNanos();
    int read;
    do {
      read = 0;
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        read++;
        take(record);
      }
    } while (read > 0 && System.nanoTime() < until);
  }

  private void take(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    if (record.topic().equals(assessmentsPartition.topic())) {
      Assessment assessment = assessmentReader.deserialize(record.topic(), record.value());
      assessments.add(assessment);
      accounting.assessed(assessment.getPostId());
    } else {
      DeadLetter letter = deadLetterReader.deserialize(record.topic(), record.value());
      accounting.deadLettered(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8), letter.getErrorCode());
    }
  }

  /** Reads up to the current end of both topics. */
  void drain() {
    Map<TopicPartition, Long> ends = consumer.endOffsets(List.of(assessmentsPartition, deadLettersPartition));
    while (consumer.position(assessmentsPartition) < ends.get(assessmentsPartition)
        || consumer.position(deadLettersPartition) < ends.get(deadLettersPartition)) {
      poll();
    }
  }

  /** The assessments read so far, in offset order. */
  List<Assessment> assessments() {
    return assessments;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
