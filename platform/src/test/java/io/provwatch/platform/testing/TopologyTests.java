package io.provwatch.platform.testing;

import io.provwatch.avro.DeadLetter;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsSettings;
import io.provwatch.platform.topics.TopicSpec;
import io.provwatch.schemas.registry.InMemorySchemaRegistryClient;
import java.nio.file.Path;
import io.provwatch.platform.streams.LatestByKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;

/**
 * TopologyTestDriver set-up shared by the stage tests: the stage's real Streams settings (exception
 * handlers included) with an in-memory registry scope of the test's own.
 */
public final class TopologyTests {
  private TopologyTests() {}

  /** A config with its own {@code mock://} registry scope and state directory under {@code dir}. */
  public static ProvwatchConfig config(Path dir, Map<String, ?> overrides) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProvwatchConfig.SCHEMA_REGISTRY_URL, "mock://ttd-" + UUID.randomUUID());
    props.put(ProvwatchConfig.BOOTSTRAP_SERVERS, "ttd:9092");
    props.put(ProvwatchConfig.DATA_DIR, dir.toString());
    props.putAll(overrides);
    return new ProvwatchConfig(props);
  }

  /** A driver running {@code topology} with the settings the stage runs with in production. */
  public static TopologyTestDriver driver(Topology topology, ProvwatchConfig config, String stage, TopicSpec<String, DeadLetter> dlq) {
    Properties props = StreamsSettings.forStage(config, "ttd-" + stage, stage, dlq);
    return new TopologyTestDriver(topology, props);
  }

  public static <K, V> TestInputTopic<K, V> input(TopologyTestDriver driver, TopicSpec<K, V> topic, ProvwatchConfig config) {
    Map<String, Object> serde = config.serdeConfig();
    return driver.createInputTopic(topic.name(), topic.keySerde(serde).serializer(), topic.valueSerde(serde).serializer());
  }

  public static <K, V> TestOutputTopic<K, V> output(TopologyTestDriver driver, TopicSpec<K, V> topic, ProvwatchConfig config) {
    Map<String, Object> serde = config.serdeConfig();
    return driver.createOutputTopic(topic.name(), topic.keySerde(serde).deserializer(), topic.valueSerde(serde).deserializer());
  }

  /** The keys of a string-keyed store of the driver's topology, in store order. */
  public static List<String> keysOf(TopologyTestDriver driver, String store) {
    List<String> keys = new ArrayList<>();
    try (var entries = driver.<String, Object>getKeyValueStore(store).all()) {
      entries.forEachRemaining(entry -> keys.add(entry.key));
    }
    return keys;
  }

  /** The keys a {@link io.provwatch.platform.streams.LatestByKey} window store holds within its retention, sorted. */
  public static List<String> latestKeysOf(TopologyTestDriver driver, String store) {
    return new ArrayList<>(LatestByKey.snapshot(driver.<String, Object>getWindowStore(store)).keySet());
  }

  /** Drops the registry scope of {@code config}. */
  public static void release(ProvwatchConfig config) {
    String url = config.getList(ProvwatchConfig.SCHEMA_REGISTRY_URL).get(0);
    InMemorySchemaRegistryClient.dropScope(url.substring("mock://".length()));
  }
}
