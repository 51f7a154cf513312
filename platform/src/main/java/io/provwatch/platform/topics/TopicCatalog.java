package io.provwatch.platform.topics;

import io.provwatch.platform.PlatformStartupException;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.kafka.KafkaFailures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics of {@link Topics} that do not exist yet, laid out as the config says. */
public final class TopicCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(TopicCatalog.class);
  private static final long TIMEOUT_S = 60;

  private TopicCatalog() {}

  /** The topic as provwatch creates it under {@code config}. */
  public static NewTopic newTopic(TopicSpec<?, ?> spec, ProvwatchConfig config) {
    boolean mainStream = spec == Topics.POSTS || spec == Topics.ASSESSMENTS || spec == Topics.ALERTS;
    int partitions = mainStream ? config.getInt(ProvwatchConfig.TOPIC_PARTITIONS) : spec.defaultPartitions();
    Long retention = spec == Topics.POSTS ? config.getLong(ProvwatchConfig.POSTS_RETENTION_MS) : null;
    NewTopic topic = spec.newTopic(partitions, config.getShort(ProvwatchConfig.TOPIC_REPLICATION_FACTOR), retention);
    int minInsync = config.getInt(ProvwatchConfig.TOPIC_MIN_INSYNC_REPLICAS);
    if (minInsync > 0) {
      Map<String, String> configs = new HashMap<>(topic.configs());
      configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsync));
      topic.configs(configs);
    }
    return topic;
  }

  /**
   * Creates every missing catalog topic and returns the names created. Existing topics are left as
   * they are; a partition count that differs from the config is reported, not changed, because
   * changing it would move keys between partitions.
   */
  public static List<String> ensureTopics(Admin admin, ProvwatchConfig config) {
    return ensureTopics(admin, config, Topics.all());
  }

  public static List<String> ensureTopics(Admin admin, ProvwatchConfig config, List<TopicSpec<?, ?>> specs) {
    try {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      List<NewTopic> present = new ArrayList<>();
      for (TopicSpec<?, ?> spec : specs) {
        NewTopic topic = newTopic(spec, config);
        (existing.contains(spec.name()) ? present : missing).add(topic);
      }
      List<String> created = new ArrayList<>();
      if (!missing.isEmpty()) {
        var result = admin.createTopics(missing);
        for (NewTopic topic : missing) {
          try {
            result.values().get(topic.name()).get(TIMEOUT_S, TimeUnit.SECONDS);
            created.add(topic.name());
          } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
              throw new PlatformStartupException("Cannot create topic '" + topic.name() + "': " + KafkaFailures.explain(e.getCause()), e);
            }
          }
        }
        LOG.info("Created topics {}", created);
        awaitLeaders(admin, created);
      }
      reportLayoutDrift(admin, present);
      return created;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformStartupException("Interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new PlatformStartupException("Cannot list or create topics on the cluster: " + KafkaFailures.explain(e), e);
    }
  }

  /**
   * Returns once the leader of every partition of {@code topics} serves requests. A topic is in the
   * cluster's metadata a moment before its leader's log exists; an idempotent or transactional producer
   * that writes in that moment can have its first batch refused (NOT_LEADER_OR_FOLLOWER) while a later
   * in-flight batch is appended, and then retries the first for ever with OUT_OF_ORDER_SEQUENCE_NUMBER
   * until it expires: records lost (KAFKA-15591, open in the 4.3 clients and brokers). A listing of
   * offsets is served only by the leader's log, so once it answers for every partition, writes are safe.
   */
  public static void awaitLeaders(Admin admin, Collection<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
    if (topics.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    while (true) {
      try {
        // described in the loop too: a topic just created may not be known to the broker that answers yet
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        described.forEach((name, d) -> d.partitions().forEach(p -> partitions.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        admin.listOffsets(partitions).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  private static void reportLayoutDrift(Admin admin, List<NewTopic> present)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (present.isEmpty()) {
      return;
    }
    Map<String, TopicDescription> described = admin.describeTopics(present.stream().map(NewTopic::name).toList())
        .allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS);
    for (NewTopic topic : present) {
      int actual = described.get(topic.name()).partitions().size();
      if (actual != topic.numPartitions()) {
        LOG.warn("Topic '{}' has {} partitions, config asks for {}; keeping {}", topic.name(), actual, topic.numPartitions(), actual);
      }
    }
  }
}
