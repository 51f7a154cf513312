package io.provwatch.platform.streams;

import io.provwatch.avro.DeadLetter;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.topics.TopicSpec;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration of a provwatch stage, built from {@link ProvwatchConfig}: client
 * and security settings, exactly-once, state directory, and the dead-letter exception handlers.
 */
public final class StreamsSettings {
  /** Topic the stage's exception handlers write dead letters to. */
  public static final String DLQ_TOPIC_CONFIG = "provwatch.dlq.topic";
  /** Stage name recorded in each dead letter: ingest, scoring or sink. */
  public static final String STAGE_CONFIG = "provwatch.stage";

  /** Compression of everything the Streams stages write, output topics included, unless configured. */
  public static final String DEFAULT_COMPRESSION = "lz4";

  private StreamsSettings() {}

  public static Properties forStage(ProvwatchConfig config, String applicationId, String stage, TopicSpec<String, DeadLetter> dlq) {
    Properties props = new Properties();
    props.putAll(config.kafkaClientProperties());
    props.putAll(config.serdeConfig());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.getString(ProvwatchConfig.PROCESSING_GUARANTEE));
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.getLong(ProvwatchConfig.COMMIT_INTERVAL_MS));
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.streamsStateDir().toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.getInt(ProvwatchConfig.STREAMS_NUM_THREADS));
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.getShort(ProvwatchConfig.TOPIC_REPLICATION_FACTOR));
    int minInsync = config.getInt(ProvwatchConfig.TOPIC_MIN_INSYNC_REPLICAS);
    if (minInsync > 0) {
      // changelogs and repartition topics hold state and in-flight records: as durable as the catalog's topics
      props.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), Integer.toString(minInsync));
    }
    props.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
    // LZ4 unless the operator chose (kafka.compression.type or kafka.producer.compression.type): subscribers
    // of the output topics whose client has no LZ4 codec built in (kafkajs) can ask for gzip or none
    if (!props.containsKey(ProducerConfig.COMPRESSION_TYPE_CONFIG)) {
      props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), DEFAULT_COMPRESSION);
    }
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
    // no global tables today; if one comes, its errors go to the same dead-letter handler, not a dead thread
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
    props.put(DLQ_TOPIC_CONFIG, dlq.name());
    props.put(STAGE_CONFIG, stage);
    int advertisedPort = config.getInt(ProvwatchConfig.HTTP_ADVERTISED_PORT);
    if (advertisedPort > 0) {
      // where other instances forward interactive queries for keys this one owns (explain API)
      props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.advertisedHost() + ":" + advertisedPort);
    }
    return props;
  }
}
