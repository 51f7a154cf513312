package io.provwatch.benchmarks;

import io.provwatch.app.bench.SyntheticPosts;
import io.provwatch.avro.Post;
import io.provwatch.platform.topics.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The Post serde in the Confluent wire format, with the schema id cached as in production. */
@State(Scope.Thread)
public class PostSerdeBenchmark extends PerPostBenchmark {
  private Serializer<Post> serializer;
  private Deserializer<Post> deserializer;
  private Post post;
  private byte[] bytes;

  @Setup
  public void setUp() {
    Map<String, Object> config = Map.of("schema.registry.url", "mock://jmh-" + UUID.randomUUID());
    serializer = Topics.POSTS.valueSerde(config).serializer();
    deserializer = Topics.POSTS.valueSerde(config).deserializer();
    post = new SyntheticPosts(42, "jmh").next(Instant.parse("2026-11-25T10:00:00Z"));
    bytes = serializer.serialize(Topics.POSTS.name(), post);
  }

  @Benchmark
  public byte[] serialize() {
    return serializer.serialize(Topics.POSTS.name(), post);
  }

  @Benchmark
  public Post deserialize() {
    return deserializer.deserialize(Topics.POSTS.name(), bytes);
  }
}
