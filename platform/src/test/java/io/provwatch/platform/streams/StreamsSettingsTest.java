package io.provwatch.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.topics.Topics;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {
  private static final String PRODUCER_COMPRESSION = StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG);

  private static Properties settings(Map<String, String> config) {
    return StreamsSettings.forStage(new ProvwatchConfig(config), "app", "sink", Topics.ALERTS_DLQ);
  }

  @Test
  void stagesCompressWithLz4ByDefault() {
    assertThat(settings(Map.of()).get(PRODUCER_COMPRESSION)).isEqualTo("lz4");
  }

  @Test
  void anOperatorsCompressionChoiceWins() {
    assertThat(settings(Map.of("kafka.producer.compression.type", "gzip")).get(PRODUCER_COMPRESSION)).isEqualTo("gzip");
    Properties plain = settings(Map.of("kafka.compression.type", "none"));
    assertThat(plain.get(ProducerConfig.COMPRESSION_TYPE_CONFIG)).isEqualTo("none");
    assertThat(plain).doesNotContainKey(PRODUCER_COMPRESSION);
  }

  @Test
  void internalTopicsGetTheConfiguredReplicationAndMinInsyncReplicas() {
    Properties durable = settings(Map.of("topics.replication.factor", "3", "topics.min.insync.replicas", "2"));
    assertThat(durable.get(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
    assertThat(durable.get(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG))).isEqualTo("2");
    assertThat(settings(Map.of())).as("unset: the broker's default").doesNotContainKey(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));
  }
}
