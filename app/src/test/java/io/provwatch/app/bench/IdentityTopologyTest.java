package io.provwatch.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Post;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.testing.TopologyTests;
import io.provwatch.platform.topics.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's baseline topology, as IdentityTopologyBuilder builds it. */
class IdentityTopologyTest {
  @TempDir Path dir;

  @Test
  void copiesEveryPostUnchangedWithItsKey() {
    ProvwatchConfig config = TopologyTests.config(dir, Map.of());
    SyntheticPosts generator = new SyntheticPosts(7, "t");
    List<Post> posts = List.of(generator.next(Instant.parse("2026-11-25T10:00:00Z")), generator.next(Instant.parse("2026-11-25T10:00:01Z")));
    try (TopologyTestDriver driver = TopologyTests.driver(new IdentityTopologyBuilder(config).build(), config, "bench-identity", Topics.ASSESSMENTS_DLQ)) {
      var input = TopologyTests.input(driver, Topics.POSTS, config);
      posts.forEach(p -> input.pipeInput(p.getId(), p));
      assertThat(TopologyTests.output(driver, Topics.BENCH_IDENTITY, config).readKeyValuesToList())
          .containsExactly(KeyValue.pair(posts.get(0).getId(), posts.get(0)), KeyValue.pair(posts.get(1).getId(), posts.get(1)));
    } finally {
      TopologyTests.release(config);
    }
  }
}
