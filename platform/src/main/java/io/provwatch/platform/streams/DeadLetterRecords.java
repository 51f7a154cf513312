package io.provwatch.platform.streams;

import io.provwatch.avro.DeadLetter;
import io.provwatch.platform.metrics.ProvwatchMetrics;
import io.provwatch.platform.topics.DeadLetters;
import io.provwatch.platform.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the dead-letter records the Streams exception handlers hand back to Kafka Streams (KIP-1034):
 * a {@link DeadLetter} with the raw input, its coordinates, the stage and the reason, on the stage's
 * DLQ topic. Kafka Streams writes them in the same transaction as the task's output.
 */
final class DeadLetterRecords {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecords.class);

  private final String topic;
  private final String stage;
  private final Serializer<DeadLetter> serializer;

  DeadLetterRecords(Map<String, ?> configs) {
    Object topic = configs.get(StreamsSettings.DLQ_TOPIC_CONFIG);
    Object stage = configs.get(StreamsSettings.STAGE_CONFIG);
    if (topic == null || stage == null) {
      throw new ConfigException("Dead-letter handlers need " + StreamsSettings.DLQ_TOPIC_CONFIG + " and "
          + StreamsSettings.STAGE_CONFIG + "; build the Streams config with StreamsSettings");
    }
    this.topic = topic.toString();
    this.stage = stage.toString();
    this.serializer = Topics.POSTS_DLQ.valueSerde(configs).serializer();
  }

  List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, byte[] key, byte[] raw, String errorCode, Exception error) {
    String position = context.topic() + "-" + context.partition() + "@" + context.offset();
    String message = reason(error) + " (processor " + context.processorNodeId() + ", task " + context.taskId() + ")";
    // the payload may be personal data: log where it is, not what it is
    LOG.warn("{} {} at {}: {}; sent to {}", stage, errorCode, position, message, topic);
    ProvwatchMetrics.deadLetter(stage, errorCode, topic);
    DeadLetter letter = DeadLetters.builder(raw, message)
        .setSource(context.topic() == null ? "unknown" : context.topic())
        .setPosition(position)
        .setStage(stage)
        .setErrorCode(errorCode)
        .setTime(Instant.ofEpochMilli(context.timestamp() > 0 ? context.timestamp() : System.currentTimeMillis()))
        .build();
    byte[] dlqKey = key != null ? key : position.getBytes(StandardCharsets.UTF_8);
    return List.of(new ProducerRecord<>(topic, null, dlqKey, serializer.serialize(topic, letter)));
  }

  /** The first message in the cause chain that says something, with its exception type. */
  static String reason(Throwable error) {
    Throwable t = error;
    StringBuilder sb = new StringBuilder();
    while (t != null && sb.length() < 400) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        if (sb.length() > 0) {
          sb.append(" <- ");
        }
        sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return sb.length() == 0 ? error.getClass().getSimpleName() : sb.toString();
  }
}
