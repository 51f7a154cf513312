package io.provwatch.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.platform.config.ProvwatchConfig;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {
  @Test
  void everyCatalogTopicGetsTheConfiguredReplicationAndMinInsyncReplicas() {
    ProvwatchConfig config = new ProvwatchConfig(Map.of("topics.replication.factor", "3", "topics.min.insync.replicas", "2"));
    for (TopicSpec<?, ?> spec : Topics.all()) {
      NewTopic topic = TopicCatalog.newTopic(spec, config);
      assertThat(topic.replicationFactor()).as(spec.name()).isEqualTo((short) 3);
      assertThat(topic.configs()).as(spec.name()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
    }
  }

  @Test
  void byDefaultOneReplicaAndTheBrokersMinInsyncReplicas() {
    NewTopic posts = TopicCatalog.newTopic(Topics.POSTS, new ProvwatchConfig(Map.of()));
    assertThat(posts.replicationFactor()).isEqualTo((short) 1);
    assertThat(posts.configs()).doesNotContainKey(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
        .containsEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(30L * 24 * 3600 * 1000));
  }
}
