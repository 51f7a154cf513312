package io.provwatch.app.bench;

import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.topics.Topics;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The benchmark's baseline: {@code posts -> bench.identity}, each post deserialized and serialized
 * again with the pipeline's own serdes. What the pipeline costs beyond this is the cost of scoring.
 */
public final class IdentityTopologyBuilder {
  private final Map<String, Object> serdeConfig;

  public IdentityTopologyBuilder(ProvwatchConfig config) {
    this.serdeConfig = config.serdeConfig();
  }

  public Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(Topics.POSTS.name(), Consumed.with(Topics.POSTS.keySerde(serdeConfig), Topics.POSTS.valueSerde(serdeConfig))
            .withName("posts-source"))
        .to(Topics.BENCH_IDENTITY.name(), Produced.with(Topics.BENCH_IDENTITY.keySerde(serdeConfig),
            Topics.BENCH_IDENTITY.valueSerde(serdeConfig)).withName("identity-sink"));
    return builder.build();
  }
}
