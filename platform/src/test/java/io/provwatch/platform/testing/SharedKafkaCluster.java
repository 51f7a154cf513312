package io.provwatch.platform.testing;

import io.provwatch.platform.EmbeddedPlatform;
import io.provwatch.platform.config.ProvwatchConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded broker and Kafka-backed schema registry per test JVM, shared by every integration
 * test of a module (starting a broker per test class would dominate the suite's time). Ports are
 * free ones, data lives in a temporary directory, and every catalog topic exists.
 *
 * <p>Tests share topics, so each one works with its own post ids and its own application ids
 * ({@link #config(Map)} hands out fresh ones).
 */
public final class SharedKafkaCluster {
  private static SharedKafkaCluster instance;
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final EmbeddedPlatform platform;
  private final Path root;

  private SharedKafkaCluster(EmbeddedPlatform platform, Path root) {
    this.platform = platform;
    this.root = root;
  }

  /** The cluster of this JVM, started on first use and stopped when the JVM exits. */
  public static synchronized SharedKafkaCluster get() {
    if (instance == null) {
      Path root = tempDir("provwatch-it-");
      ProvwatchConfig config = new ProvwatchConfig(Map.of(
          ProvwatchConfig.DATA_DIR, root.resolve("platform").toString(),
          ProvwatchConfig.KAFKA_PORT, "0",
          ProvwatchConfig.KAFKA_CONTROLLER_PORT, "0",
          ProvwatchConfig.REGISTRY_PORT, "0"));
      EmbeddedPlatform platform = EmbeddedPlatform.start(config, false);
      instance = new SharedKafkaCluster(platform, root);
      Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "shared-kafka-cluster-stop"));
    }
    return instance;
  }

  public String bootstrapServers() {
    return platform.bootstrapServers();
  }

  public String schemaRegistryUrl() {
    return platform.schemaRegistryUrl();
  }

  /**
   * A config for one test: this cluster's bootstrap servers and registry, its own data directory
   * and its own Streams application ids, then {@code overrides}.
   */
  public ProvwatchConfig config(Map<String, ?> overrides) {
    int n = SEQUENCE.incrementAndGet();
    Map<String, Object> props = new HashMap<>();
    props.put(ProvwatchConfig.BOOTSTRAP_SERVERS, bootstrapServers());
    props.put(ProvwatchConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl());
    props.put(ProvwatchConfig.DATA_DIR, root.resolve("test-" + n).toString());
    props.put(ProvwatchConfig.SCORING_APPLICATION_ID, "it-scoring-" + n);
    props.put(ProvwatchConfig.SINK_APPLICATION_ID, "it-sink-" + n);
    props.put(ProvwatchConfig.HTTP_PORT, "0");
    props.putAll(overrides);
    return new ProvwatchConfig(props);
  }

  public ProvwatchConfig config() {
    return config(Map.of());
  }

  /** A fresh name, e.g. for a topic or group of one test. */
  public static String unique(String prefix) {
    return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100_000;
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
