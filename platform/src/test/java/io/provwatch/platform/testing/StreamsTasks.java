package io.provwatch.platform.testing;

import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsStage;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/** Which tasks a running stage owns, for tests that stop an instance mid-stream and watch the work move. */
public final class StreamsTasks {
  private StreamsTasks() {}

  /** The same application as a second process on the same host would run it: only its state directory differs. */
  public static ProvwatchConfig secondInstance(ProvwatchConfig config) {
    return config.with(Map.of(ProvwatchConfig.STREAMS_STATE_DIR, config.dataDir().resolve("second-instance-state").toString()));
  }

  /**
   * Both stages run with active tasks of their own, and between them they own every partition of the
   * topics ending in {@code topicSuffix}.
   */
  public static boolean sharedOut(StreamsStage one, StreamsStage two, String topicSuffix, int partitions) {
    Set<Integer> all = new HashSet<>(activePartitions(one, topicSuffix));
    all.addAll(activePartitions(two, topicSuffix));
    return one.state() == KafkaStreams.State.RUNNING && two.state() == KafkaStreams.State.RUNNING
        && hasActiveTasks(one) && hasActiveTasks(two) && all.size() == partitions;
  }

  private static boolean hasActiveTasks(StreamsStage stage) {
    return stage.streams().metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty());
  }

  /** Partitions of the input topics ending in {@code topicSuffix} that {@code stage} processes as active tasks. */
  public static Set<Integer> activePartitions(StreamsStage stage, String topicSuffix) {
    return stage.streams().metadataForLocalThreads().stream().flatMap(t -> t.activeTasks().stream())
        .flatMap(task -> task.topicPartitions().stream()).filter(tp -> tp.topic().endsWith(topicSuffix))
        .map(tp -> tp.partition()).collect(Collectors.toSet());
  }

  /** The partition count of {@code topic}. */
  public static int partitionsOf(ProvwatchConfig config, String topic) throws Exception {
    try (Admin admin = Admin.create(config.kafkaClientProperties())) {
      return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }
  }
}
