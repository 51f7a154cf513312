package io.provwatch.platform.topics;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the catalog: its name, layout and the serdes of its keys and values. Every producer,
 * consumer and topology gets its serdes here, so a topic's format is declared exactly once.
 *
 * @param defaultPartitions partitions when the config does not say otherwise
 * @param retentionMs retention in ms, -1 for forever
 */
public record TopicSpec<K, V>(
    String name,
    int defaultPartitions,
    long retentionMs,
    boolean compacted,
    Supplier<Serde<K>> keySerdeFactory,
    Supplier<Serde<V>> valueSerdeFactory,
    String description) {

  /** A configured key serde; {@code serdeConfig} carries {@code schema.registry.url} and friends. */
  public Serde<K> keySerde(Map<String, ?> serdeConfig) {
    Serde<K> serde = keySerdeFactory.get();
    serde.configure(serdeConfig, true);
    return serde;
  }

  /** A configured value serde; {@code serdeConfig} carries {@code schema.registry.url} and friends. */
  public Serde<V> valueSerde(Map<String, ?> serdeConfig) {
    Serde<V> serde = valueSerdeFactory.get();
    serde.configure(serdeConfig, false);
    return serde;
  }

  /** The topic as the admin client creates it. */
  public NewTopic newTopic(int partitions, short replicationFactor, Long retentionOverrideMs) {
    Map<String, String> configs = new HashMap<>();
    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
        compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
    long retention = retentionOverrideMs != null ? retentionOverrideMs : retentionMs;
    if (!compacted) {
      configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention));
    }
    return new NewTopic(name, partitions, replicationFactor).configs(configs);
  }
}
